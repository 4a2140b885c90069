package io.imagestore.bridge.upload;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Retries the cleanups that failed because the object store was down — aborting a multipart
 * upload, deleting a staging object — with backoff, so an outage does not leave incomplete
 * uploads behind once the store is back. What is still pending at shutdown is logged and left to
 * the bucket's lifecycle rule; nothing under staging is ever published either way.
 */
public final class StagingJanitor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StagingJanitor.class);
  private static final Duration MAX_DELAY = Duration.ofMinutes(5);
  private static final int MAX_ATTEMPTS = 30;

  private final S3Client s3;
  private final String bucket;
  private final Duration firstDelay;
  private final AtomicInteger pending = new AtomicInteger();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "bridge-staging-janitor");
    t.setDaemon(true);
    return t;
  });

  public StagingJanitor(S3Client s3, String bucket, Duration firstDelay) {
    this.s3 = s3;
    this.bucket = bucket;
    this.firstDelay = firstDelay;
  }

  public void abortLater(String key, String uploadId) {
    schedule("abort " + key, () -> s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)),
        firstDelay, 1);
  }

  public void deleteLater(String key) {
    schedule("delete " + key, () -> s3.deleteObject(b -> b.bucket(bucket).key(key)), firstDelay, 1);
  }

  /** Cleanups still waiting for the object store. */
  public int pending() {
    return pending.get();
  }

  private void schedule(String what, Runnable cleanup, Duration delay, int attempt) {
    pending.incrementAndGet();
    try {
      scheduler.schedule(() -> {
        pending.decrementAndGet();
        try {
          cleanup.run();
          LOG.info("staging cleanup done: {} (attempt {})", what, attempt);
        } catch (NoSuchUploadException | NoSuchKeyException gone) {
          // Already cleaned up (or completed and deleted): nothing left to do.
        } catch (S3Exception e) {
          if (e.statusCode() == 404) {
            return;
          }
          retry(what, cleanup, delay, attempt, e);
        } catch (SdkException e) {
          retry(what, cleanup, delay, attempt, e);
        }
      }, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      pending.decrementAndGet();
      LOG.warn("staging cleanup left to the lifecycle rule: {}", what);
    }
  }

  private void retry(String what, Runnable cleanup, Duration delay, int attempt, SdkException e) {
    if (attempt >= MAX_ATTEMPTS) {
      LOG.warn("staging cleanup given up after {} attempts, left to the lifecycle rule: {}: {}", attempt, what, e.toString());
      return;
    }
    Duration next = delay.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.multipliedBy(2);
    schedule(what, cleanup, next, attempt + 1);
  }

  @Override
  public void close() {
    int left = pending.get();
    scheduler.shutdownNow();
    if (left > 0) {
      LOG.warn("{} staging cleanups left to the bucket's lifecycle rule", left);
    }
  }
}
