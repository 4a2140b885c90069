package io.imagestore.job.storage;

import io.imagestore.job.config.RetrySettings;
import io.imagestore.objectstore.ConditionalPuts;
import io.imagestore.objectstore.ObjectStoreSettings;
import io.imagestore.objectstore.S3Clients;
import java.io.IOException;
import java.util.function.Supplier;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The object-store operations the job performs: download an original to a local file (bounded
 * memory: the bytes never sit on the heap), upload a rendition, small text markers. A missing
 * original is an answer, not a failure. Retries and time limits are the SDK's ({@link
 * RetrySettings#callPolicy()}): this class adds none, except for one thing the SDK cannot retry —
 * a download whose body breaks off or fails its size/SHA-256 check after the response began.
 */
public final class ImageObjectStore implements AutoCloseable {
  /** Reads of one original before a body that keeps failing its check fails the job. */
  public static final int BODY_READS = 3;

  private final S3Client s3;
  private final int attempts;
  private final int bodyReads;

  /**
   * @param attempts what the client's retry strategy tries per call, for messages
   * @param bodyReads reads of a download whose body breaks off or fails its check
   */
  public ImageObjectStore(S3Client s3, int attempts, int bodyReads) {
    this.s3 = s3;
    this.attempts = attempts;
    this.bodyReads = bodyReads;
  }

  /** A store on its own client, with the retries and time limits of {@code retries}. */
  public static ImageObjectStore connect(ObjectStoreSettings settings, RetrySettings retries, int connections) {
    return new ImageObjectStore(S3Clients.create(settings, connections, retries.callPolicy()), retries.attempts(),
        BODY_READS);
  }

  /**
   * Downloads {@code bucket/key} into {@code target} (replaced if present), checking on the way
   * that it has {@code size} bytes with the SHA-256 {@code sha256}; returns its size. A mismatch
   * (a half-replaced object, a store that served other bytes) or a body cut off is read again,
   * then fails the job: other bytes must never be processed as if they were the upload.
   */
  public long fetch(String bucket, String key, long size, String sha256, Path target) throws OriginalMissingException {
    String what = "GET " + bucket + "/" + key;
    IOException last = null;
    for (int read = 1; read <= bodyReads; read++) {
      try {
        Files.deleteIfExists(target);
        try (ResponseInputStream<GetObjectResponse> in = call(what, () -> s3.getObject(b -> b.bucket(bucket).key(key)))) {
          VerifiedCopy.copy(in, target, size, sha256);
        }
        return Files.size(target);
      } catch (NoSuchKeyException e) {
        // Only NoSuchKey: NoSuchBucket and AccessDenied (also 404/403) are configuration errors and
        // fail the job, checked at start by probe().
        throw new OriginalMissingException("no object " + key + " in bucket " + bucket);
      } catch (IOException e) {
        last = e;
      }
    }
    throw new ObjectStoreUnavailableException(
        what + ": the body failed its check " + bodyReads + " times; last: " + last, last);
  }

  /**
   * Fails with a message naming {@code bucket} unless it exists and these credentials may use
   * it: a missing bucket or a 403 must stop the job at start, not turn every upload into a reject.
   */
  public void probe(String bucket) {
    try {
      call("HEAD " + bucket, () -> s3.headBucket(b -> b.bucket(bucket)));
    } catch (S3Exception e) {
      String why = e.statusCode() == 404 ? "does not exist"
          : e.statusCode() == 403 ? "is not accessible with the configured credentials (403)"
          : "cannot be used (HTTP " + e.statusCode() + ")";
      throw new IllegalStateException("object store bucket '" + bucket + "' " + why, e);
    }
  }

  /** Uploads a rendition; a PUT either stores all the bytes or nothing, so a retry is safe. */
  public void put(String bucket, String key, byte[] bytes, String contentType) {
    call("PUT " + bucket + "/" + key, () ->
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType).contentLength((long) bytes.length),
            RequestBody.fromBytes(bytes)));
  }

  /**
   * Creates {@code bucket/key} unless it exists ({@code If-None-Match: *}): true when this call
   * created it, false when the key is taken ({@link ConditionalPuts#keyTaken}).
   */
  public boolean create(String bucket, String key, byte[] bytes, String contentType) {
    try {
      call("PUT " + bucket + "/" + key + " If-None-Match: *", () ->
          s3.putObject(b -> b.bucket(bucket).key(key).ifNoneMatch("*").contentType(contentType)
              .contentLength((long) bytes.length), RequestBody.fromBytes(bytes)));
      return true;
    } catch (S3Exception e) {
      if (ConditionalPuts.keyTaken(e)) {
        return false;
      }
      throw e;
    }
  }

  /** The small text object {@code bucket/key}, or empty when there is none. */
  public java.util.Optional<String> readText(String bucket, String key) {
    try {
      return java.util.Optional.of(call("GET " + bucket + "/" + key,
          () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String()));
    } catch (NoSuchKeyException e) {
      return java.util.Optional.empty();
    }
  }

  public void delete(String bucket, String key) {
    call("DELETE " + bucket + "/" + key, () -> s3.deleteObject(b -> b.bucket(bucket).key(key)));
  }

  /**
   * Runs one SDK call, whose retries are over when it throws. An answer of the store (an {@link
   * S3Exception}: a missing key or bucket, access denied) passes unchanged — callers tell them
   * apart, and retrying cannot change them; anything else (no connection, timeouts, 5xx after
   * every attempt) means the store is unavailable and fails the job.
   */
  private <T> T call(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (S3Exception e) {
      if (e.statusCode() >= 500 || e.statusCode() == 429 || e.statusCode() == 408) {
        throw new ObjectStoreUnavailableException(what + " failed after " + attempts + " attempts: " + e, e);
      }
      throw e;
    } catch (SdkException e) {
      throw new ObjectStoreUnavailableException(what + " failed after " + attempts + " attempts: " + e, e);
    }
  }

  @Override
  public void close() {
    s3.close();
  }
}
