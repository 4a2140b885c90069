package io.imagestore.job.storage;

import io.imagestore.job.config.RetrySettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The two object-store operations the job performs, with retries: download an original to a local
 * file (bounded memory: the bytes never sit on the heap) and upload a rendition. A missing
 * original is an answer, not a failure; everything else is retried and then escalated.
 */
public final class ImageObjectStore implements AutoCloseable {
  private final S3Client s3;
  private final Retrier retrier;

  public ImageObjectStore(S3Client s3, RetrySettings retries) {
    this(s3, new Retrier(retries));
  }

  public ImageObjectStore(S3Client s3, Retrier retrier) {
    this.s3 = s3;
    this.retrier = retrier;
  }

  /** Downloads {@code bucket/key} into {@code target} (replaced if present); returns its size. */
  public long fetch(String bucket, String key, Path target) throws OriginalMissingException {
    try {
      return retrier.call("GET " + bucket + "/" + key, ImageObjectStore::transient_, () -> {
        Files.deleteIfExists(target);
        s3.getObject(b -> b.bucket(bucket).key(key), ResponseTransformer.toFile(target));
        return Files.size(target);
      });
    } catch (NoSuchKeyException e) {
      throw new OriginalMissingException("no object " + key + " in bucket " + bucket);
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        throw new OriginalMissingException("no object " + key + " in bucket " + bucket + " (" + e.awsErrorDetails().errorCode() + ")");
      }
      throw e;
    }
  }

  /** Uploads a rendition; a PUT either stores all the bytes or nothing, so a retry is safe. */
  public void put(String bucket, String key, byte[] bytes, String contentType) {
    retrier.call("PUT " + bucket + "/" + key, ImageObjectStore::transient_, () ->
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType).contentLength((long) bytes.length),
            RequestBody.fromBytes(bytes)));
  }

  /**
   * Worth retrying: network and server errors, throttling. Not: 4xx answers other than 408/429
   * (a missing key, access denied, a missing bucket — retrying cannot change them; access denied
   * and a missing bucket still fail the job, as they are configuration errors, not image errors).
   */
  static boolean transient_(Exception e) {
    if (e instanceof S3Exception s3e) {
      int status = s3e.statusCode();
      return status >= 500 || status == 408 || status == 429 || status == 0;
    }
    if (e instanceof UncheckedIOException || e instanceof IOException) {
      return true;
    }
    return e instanceof SdkException;
  }

  @Override
  public void close() {
    s3.close();
  }
}
