package io.imagestore.bridge.security;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.ftpserver.ftplet.AuthenticationFailedException;

/**
 * At most one password hash per core at a time. Each costs hundreds of milliseconds of CPU; the
 * throttle bounds guesses per account and per network, but many networks guessing at once could
 * still keep every core hashing while real uploads wait. A login that finds no slot within the
 * wait is turned away (421, try again) and counted as neither success nor failure.
 */
public final class VerificationSlots {
  private final Semaphore slots;
  private final Duration wait;

  public VerificationSlots(int slots, Duration wait) {
    if (slots < 1) {
      throw new IllegalArgumentException("verification slots must be at least 1, got " + slots);
    }
    this.slots = new Semaphore(slots, true);
    this.wait = wait;
  }

  /**
   * One slot per available processor, waiting up to 10 s for one: a fleet of cameras logging in
   * together after a restart queues for a few seconds rather than being turned away; the wait stays
   * below the 15 s login timeout, and the pre-login limits bound how many can queue.
   */
  public static VerificationSlots perCore() {
    return new VerificationSlots(Runtime.getRuntime().availableProcessors(), Duration.ofSeconds(10));
  }

  /** Runs {@code check} in a slot, or throws {@link Busy} when none frees up in time. */
  public boolean run(Check check) throws Busy {
    boolean acquired;
    try {
      acquired = slots.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      acquired = false;
    }
    if (!acquired) {
      throw new Busy();
    }
    try {
      return check.matches();
    } finally {
      slots.release();
    }
  }

  int available() {
    return slots.availablePermits();
  }

  /** A password check. */
  @FunctionalInterface
  public interface Check {
    boolean matches();
  }

  /** No slot freed up in time: the password was not checked. */
  public static final class Busy extends AuthenticationFailedException {
    private static final long serialVersionUID = 1L;

    Busy() {
      super("too many password verifications at once");
    }
  }
}
