package io.imagestore.objectstore;

import java.time.Duration;

/**
 * How long an S3 call may take and how often it is tried, all inside the AWS SDK: one retry layer
 * (the SDK's standard strategy with full-jitter exponential backoff), a time limit per attempt and
 * one per call including its retries. Nothing above it sleeps between SDK retries, so the worst
 * case of a call is {@code callTimeout}, whatever the store does.
 *
 * @param attempts tries per call, the first included
 */
public record S3CallPolicy(int attempts, Duration initialBackoff, Duration maxBackoff, Duration attemptTimeout,
    Duration callTimeout) {

  public S3CallPolicy {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
    }
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("backoff must grow from " + initialBackoff + " to " + maxBackoff);
    }
    if (attemptTimeout.isNegative() || attemptTimeout.isZero() || callTimeout.compareTo(attemptTimeout) < 0) {
      throw new IllegalArgumentException(
          "the call timeout (" + callTimeout + ") must be at least the attempt timeout (" + attemptTimeout + ")");
    }
  }
}
