package io.imagestore.job.config;

import static java.util.Objects.requireNonNullElse;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.imagestore.config.ConfigException;
import java.io.Serializable;
import java.time.Duration;

/**
 * Exponential-delay restarts with jitter: after a failure the job restarts from its last
 * checkpoint, rolling state and source offsets back together. The delay doubles from {@code
 * initialBackoff} up to {@code maxBackoff} and starts again once the job has run {@code resetAfter}
 * without failing. There is no lifetime limit by default ({@code attempts} 0): a bad hour of the
 * object store or the brokers must not stop the job for good — poison inputs are contained by the
 * attempt breaker, not by the restart budget. Jitter spreads the restarts of many jobs after a
 * shared outage.
 *
 * @param attempts restarts before the job fails for good while failures keep coming without a
 *     quiet {@code resetAfter} between them; 0 = unlimited
 * @param jitter 0.1 = each delay ±10 %
 */
public record RestartSettings(Duration initialBackoff, Duration maxBackoff, double jitter, Duration resetAfter,
    int attempts) implements Serializable {

  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(90);
  public static final double DEFAULT_JITTER = 0.1;
  public static final Duration DEFAULT_RESET_AFTER = Duration.ofMinutes(10);
  public static final int UNLIMITED = 0;

  public RestartSettings {
    if (initialBackoff.isNegative() || initialBackoff.isZero()) {
      throw new ConfigException("restart.initialBackoff", "must be positive, got " + initialBackoff);
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new ConfigException("restart.maxBackoff",
          maxBackoff + " is shorter than restart.initialBackoff (" + initialBackoff + ")");
    }
    if (jitter < 0 || jitter > 1) {
      throw new ConfigException("restart.jitter", "must be between 0 and 1, got " + jitter);
    }
    if (resetAfter.isNegative() || resetAfter.isZero()) {
      throw new ConfigException("restart.resetAfter", "must be positive, got " + resetAfter);
    }
    if (attempts < 0) {
      throw new ConfigException("restart.attempts", "must be 0 (unlimited) or more, got " + attempts);
    }
  }

  /** A constant delay with at most {@code attempts} restarts in a row: for tests and short-lived runs. */
  public RestartSettings(int attempts, Duration delay) {
    this(delay, delay, 0, DEFAULT_RESET_AFTER, attempts);
  }

  @JsonCreator
  static RestartSettings fromFile(@JsonProperty("initialBackoff") Duration initialBackoff,
      @JsonProperty("maxBackoff") Duration maxBackoff, @JsonProperty("jitter") Double jitter,
      @JsonProperty("resetAfter") Duration resetAfter, @JsonProperty("attempts") Integer attempts) {
    return new RestartSettings(requireNonNullElse(initialBackoff, DEFAULT_INITIAL_BACKOFF),
        requireNonNullElse(maxBackoff, DEFAULT_MAX_BACKOFF), requireNonNullElse(jitter, DEFAULT_JITTER),
        requireNonNullElse(resetAfter, DEFAULT_RESET_AFTER), requireNonNullElse(attempts, UNLIMITED));
  }

  public static RestartSettings defaults() {
    return new RestartSettings(DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF, DEFAULT_JITTER, DEFAULT_RESET_AFTER, UNLIMITED);
  }

  public boolean unlimited() {
    return attempts == UNLIMITED;
  }

  /** The longest a restart can wait: the largest backoff with the jitter added. */
  public Duration longestDelay() {
    return Duration.ofMillis(Math.round(maxBackoff.toMillis() * (1 + jitter)));
  }
}
