package io.imagestore.bridge.upload;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Uploads in progress, so shutdown can wait for them and then abort the rest. */
public final class InFlightUploads {
  private final Set<Runnable> cancels = ConcurrentHashMap.newKeySet();

  /** Ends an upload's registration. */
  public interface Registration {
    void end();
  }

  /** Registers an upload; {@code cancel} must make it fail soon (e.g. close its data connection). */
  public Registration register(Runnable cancel) {
    cancels.add(cancel);
    return () -> {
      synchronized (this) {
        cancels.remove(cancel);
        notifyAll();
      }
    };
  }

  public int count() {
    return cancels.size();
  }

  /** Waits up to {@code timeout} for every upload to end; true when none is left. */
  public synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!cancels.isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  public void cancelAll() {
    cancels.forEach(Runnable::run);
  }
}
