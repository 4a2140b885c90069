package io.imagestore.job.runner;

import java.time.Instant;

/**
 * One failure of the running job, as Flink's exception history records it.
 *
 * @param cause the root exception's first line: its class and message
 * @param task the task it failed, or empty when the failure was global (e.g. a checkpoint)
 */
public record JobFailure(Instant at, String cause, String task) {
  /** One line for a console: what failed, where. */
  public String summary() {
    return task.isEmpty() ? cause : cause + " (in " + task + ")";
  }
}
