package io.imagestore.system.faults;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Makes one file kill its TaskManager every time it is processed, from outside the job: the job
 * writes an attempt marker for the file's sha256 before it processes it (the breaker's count,
 * kept in the object store because Flink state rolls back with a crash); each new marker is a new
 * attempt, and the drill kills the TaskManager running it at once — as a native crash in the
 * decoder would. Gives up after {@link #MAX_KILLS}: a breaker that never trips must fail the
 * drill, not loop forever.
 */
final class PoisonKiller implements AutoCloseable {
  static final int MAX_KILLS = 6;

  interface Kill {
    void run() throws Exception;
  }

  private final S3Client s3;
  private final String bucket;
  private final String key;
  private final Kill kill;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicInteger kills = new AtomicInteger();
  private final Thread thread = new Thread(this::run, "poison-killer");
  private volatile Throwable failure;

  PoisonKiller(S3Client s3, String stateBucket, String sha256, Kill kill) {
    this.s3 = s3;
    this.bucket = stateBucket;
    this.key = "processing-attempts/" + sha256.substring(0, 2) + "/" + sha256;
    this.kill = kill;
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  private void run() {
    String last = null;
    try {
      while (running.get()) {
        String marker = marker();
        if (marker != null && !marker.equals(last)) {
          last = marker;
          if (kills.get() >= MAX_KILLS) {
            throw new IllegalStateException("attempt marker '" + marker + "' after " + MAX_KILLS
                + " kills: the breaker never gave up");
          }
          kill.run();
          kills.incrementAndGet();
        }
        Thread.sleep(50);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Throwable t) {
      failure = t;
    }
  }

  private String marker() {
    try {
      return new String(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray(), StandardCharsets.US_ASCII).trim();
    } catch (NoSuchKeyException e) {
      return null;
    } catch (RuntimeException e) {
      return null; // the store is busy or restarting: look again
    }
  }

  int kills() {
    return kills.get();
  }

  boolean failed() {
    return failure != null;
  }

  Throwable failure() {
    return failure;
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    thread.join(30_000);
  }
}
