package io.imagestore.job.config;

import java.io.Serializable;
import java.time.Duration;

/**
 * Fixed-delay restarts: after a failure the job restarts from its last checkpoint, rolling state
 * and source offsets back together. Fixed delay keeps the worst case (attempts × delay) easy to
 * reason about against the Kafka transaction timeout.
 */
public record RestartSettings(int attempts, Duration delay) implements Serializable {
  public static RestartSettings defaults() {
    return new RestartSettings(10, Duration.ofSeconds(10));
  }
}
