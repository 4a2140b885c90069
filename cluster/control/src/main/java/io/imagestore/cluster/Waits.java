package io.imagestore.cluster;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Bounded waits. Each names what it waits for, and when it gives up says so with the last
 * reason the condition gave, so a stuck start-up reads as a cause, not as a hang.
 */
public final class Waits {
  private Waits() {}

  /** Polls {@code condition} until it returns true; an exception counts as "not yet". */
  public static Duration until(String what, Duration timeout, Callable<Boolean> condition) {
    return until(what, timeout, condition, "");
  }

  /** As {@link #until(String, Duration, Callable)}; {@code hint} is appended on timeout (e.g. a log path). */
  public static Duration until(String what, Duration timeout, Callable<Boolean> condition, String hint) {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    String last = "condition never held";
    long pause = 20;
    while (true) {
      try {
        if (Boolean.TRUE.equals(condition.call())) {
          return Duration.ofNanos(System.nanoTime() - start);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StackException("interrupted while waiting for " + what, e);
      } catch (Exception e) {
        last = e.getClass().getSimpleName() + ": " + e.getMessage();
      }
      if (System.nanoTime() > deadline) {
        throw new StackException("gave up after " + timeout.toSeconds() + " s waiting for " + what
            + " (last: " + last + ")" + (hint.isEmpty() ? "" : "; " + hint));
      }
      sleep(pause);
      pause = Math.min(pause * 2, 500);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("interrupted", e);
    }
  }
}
