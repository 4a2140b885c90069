package io.imagestore.job.config;

import static java.util.Objects.requireNonNullElse;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.imagestore.objectstore.S3CallPolicy;
import java.io.Serializable;
import java.time.Duration;

/**
 * Object-store calls: tried {@code attempts} times by the AWS SDK with full-jitter exponential
 * backoff, each attempt limited to {@code attemptTimeout} and the call with its retries to {@code
 * callTimeout}. After that the operator throws and Flink restarts from the last checkpoint: an
 * unreachable store is never turned into a reject.
 */
public record RetrySettings(int attempts, Duration initialBackoff, Duration maxBackoff, Duration attemptTimeout,
    Duration callTimeout) implements Serializable {

  public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofMinutes(2);

  public RetrySettings(int attempts, Duration initialBackoff, Duration maxBackoff) {
    this(attempts, initialBackoff, maxBackoff, DEFAULT_ATTEMPT_TIMEOUT, DEFAULT_CALL_TIMEOUT);
  }

  @JsonCreator
  static RetrySettings fromFile(@JsonProperty("attempts") Integer attempts,
      @JsonProperty("initialBackoff") Duration initialBackoff, @JsonProperty("maxBackoff") Duration maxBackoff,
      @JsonProperty("attemptTimeout") Duration attemptTimeout, @JsonProperty("callTimeout") Duration callTimeout) {
    RetrySettings d = defaults();
    return new RetrySettings(requireNonNullElse(attempts, d.attempts), requireNonNullElse(initialBackoff, d.initialBackoff),
        requireNonNullElse(maxBackoff, d.maxBackoff), requireNonNullElse(attemptTimeout, d.attemptTimeout),
        requireNonNullElse(callTimeout, d.callTimeout));
  }

  public static RetrySettings defaults() {
    return new RetrySettings(4, Duration.ofMillis(200), Duration.ofSeconds(5));
  }

  public S3CallPolicy callPolicy() {
    return new S3CallPolicy(attempts, initialBackoff, maxBackoff, attemptTimeout, callTimeout);
  }
}
