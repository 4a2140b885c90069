package io.imagestore.cli.local;

import io.imagestore.job.runner.JobFailure;
import io.imagestore.job.runner.JobWatcher;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;

/**
 * Says on the console when the job fails and restarts, and when it has failed for good — then
 * {@code imagestore local} stops (the bridge would otherwise keep accepting uploads nobody
 * processes) and exits non-zero.
 */
final class JobHealthConsole implements JobWatcher.Listener {
  private final PrintStream out;
  private final String logHint;
  private final CompletableFuture<JobFailure> failedForGood = new CompletableFuture<>();

  JobHealthConsole(PrintStream out, String logHint) {
    this.out = out;
    this.logHint = logHint;
  }

  @Override
  public void restarting(JobFailure failure, long restarts) {
    out.println("imagestore local: the job failed and restarts from its last checkpoint (restart " + restarts
        + "): " + failure.summary());
  }

  @Override
  public void failedForGood(JobFailure lastFailure) {
    out.println("imagestore local: the job FAILED for good and processes nothing more: " + lastFailure.summary());
    out.println("imagestore local: details in " + logHint + "; stopping");
    failedForGood.complete(lastFailure);
  }

  /** Completes when the job has failed for good. */
  CompletableFuture<JobFailure> failedForGood() {
    return failedForGood;
  }
}
