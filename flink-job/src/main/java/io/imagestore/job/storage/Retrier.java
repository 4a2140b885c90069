package io.imagestore.job.storage;

import io.imagestore.job.config.RetrySettings;
import java.time.Duration;

/** Retries an object-store call with exponential backoff, then gives up with {@link ObjectStoreUnavailableException}. */
public final class Retrier {

  /** A call that may fail transiently. */
  @FunctionalInterface
  public interface Call<T> {
    T run() throws Exception;
  }

  /** Decides which failures are worth another attempt. */
  @FunctionalInterface
  public interface Retryable {
    boolean test(Exception e);
  }

  /** Waits between attempts; tests pass one that does not sleep. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final RetrySettings settings;
  private final Sleeper sleeper;

  public Retrier(RetrySettings settings) {
    this(settings, d -> Thread.sleep(d.toMillis()));
  }

  public Retrier(RetrySettings settings, Sleeper sleeper) {
    this.settings = settings;
    this.sleeper = sleeper;
  }

  /**
   * Runs {@code call} up to {@code attempts} times while it fails with a retryable exception; a
   * non-retryable exception propagates at once (wrapped unless unchecked).
   */
  public <T> T call(String what, Retryable retryable, Call<T> call) {
    Duration backoff = settings.initialBackoff();
    Exception last = null;
    for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
      try {
        return call.run();
      } catch (Exception e) {
        if (!retryable.test(e)) {
          if (e instanceof RuntimeException re) {
            throw re;
          }
          throw new ObjectStoreUnavailableException(what + " failed: " + e, e);
        }
        last = e;
        if (attempt < settings.attempts()) {
          try {
            sleeper.sleep(backoff);
          } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new ObjectStoreUnavailableException(what + " interrupted while backing off", e);
          }
          backoff = min(backoff.multipliedBy(2), settings.maxBackoff());
        }
      }
    }
    throw new ObjectStoreUnavailableException(
        what + " failed " + settings.attempts() + " times; last error: " + last, last);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
