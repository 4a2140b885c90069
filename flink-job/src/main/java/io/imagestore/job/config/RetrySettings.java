package io.imagestore.job.config;

import java.io.Serializable;
import java.time.Duration;

/**
 * Object-store retries. After {@code attempts} failures of one request the operator throws and
 * Flink restarts from the last checkpoint: an unreachable store is never turned into a reject.
 */
public record RetrySettings(int attempts, Duration initialBackoff, Duration maxBackoff) implements Serializable {
  public static RetrySettings defaults() {
    return new RetrySettings(4, Duration.ofMillis(200), Duration.ofSeconds(5));
  }
}
