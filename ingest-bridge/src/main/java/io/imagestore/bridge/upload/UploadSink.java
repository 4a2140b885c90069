package io.imagestore.bridge.upload;

import io.imagestore.bridge.upload.UploadFailedException.Reason;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Where the data connection's bytes go: hashed and counted on the fly, held in one buffer of at
 * most the part size, and streamed to a multipart upload on a staging key part by part. Memory per
 * upload is bounded by the part size whatever the file size.
 *
 * <p>A file that ends before the buffer fills never touches the object store here: the committer
 * writes it with one PUT straight to its content-addressed key (the hash is known by then), which
 * is the common case for camera images and saves the staging copy.
 *
 * <p>{@link #close()} commits nothing — ftpserver closes the stream on failures too. The owner calls
 * {@link #finish()} only after a complete transfer, and {@link #abort()} otherwise.
 */
public final class UploadSink extends OutputStream {
  private static final Logger LOG = LoggerFactory.getLogger(UploadSink.class);
  private static final int INITIAL_BUFFER = 64 * 1024;

  private final S3Client s3;
  private final String bucket;
  private final String stagingKey;
  private final int partSize;
  private final long maxSize;
  private final MessageDigest digest;
  private final ContainerEnd containerEnd = new ContainerEnd();
  private final StagingJanitor janitor;
  private final UploadBuffers buffers;
  private byte[] buffer;
  private int buffered;
  private long size;
  private String uploadId;
  private final List<CompletedPart> parts = new ArrayList<>();
  private volatile UploadFailedException failure;
  private volatile boolean cancelled;

  /** The bytes of a finished transfer: still in memory (small) or in a completed staging object. */
  public sealed interface Received permits InMemory, Staged {
    long size();

    String sha256();

    /** Whether the file's container reached its end marker, as far as its structure tells. */
    ContainerEnd.Verdict container();
  }

  /** Small file: {@code length} bytes of {@code bytes}. */
  public record InMemory(byte[] bytes, int length, long size, String sha256, ContainerEnd.Verdict container)
      implements Received {}

  /** Large file: a completed multipart object at {@code stagingKey}. */
  public record Staged(String stagingKey, long size, String sha256, ContainerEnd.Verdict container)
      implements Received {}

  public UploadSink(S3Client s3, String bucket, String stagingKey, int partSize, long maxSize, StagingJanitor janitor) {
    this(s3, bucket, stagingKey, partSize, maxSize, janitor, new UploadBuffers(0));
  }

  public UploadSink(S3Client s3, String bucket, String stagingKey, int partSize, long maxSize, StagingJanitor janitor,
      UploadBuffers buffers) {
    this.buffers = buffers;
    this.buffer = buffers.take(Math.min(INITIAL_BUFFER, partSize));
    this.s3 = s3;
    this.janitor = janitor;
    this.bucket = bucket;
    this.stagingKey = stagingKey;
    this.partSize = partSize;
    this.maxSize = maxSize;
    try {
      this.digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void write(int b) throws UploadFailedException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws UploadFailedException {
    if (failure != null) {
      // ftpserver flushes its buffer into us again after we threw: repeat the first reason.
      throw failure;
    }
    if (cancelled) {
      throw fail(new UploadFailedException(Reason.SHUTDOWN, "bridge shutting down", null));
    }
    if (size + len > maxSize) {
      throw fail(new UploadFailedException(Reason.TOO_LARGE,
          "file exceeds the maximum size of " + maxSize + " bytes", null));
    }
    digest.update(b, off, len);
    containerEnd.update(b, off, len);
    size += len;
    while (len > 0) {
      if (buffered == buffer.length && buffer.length < partSize) {
        grow();
      }
      int n = Math.min(len, buffer.length - buffered);
      System.arraycopy(b, off, buffer, buffered, n);
      buffered += n;
      off += n;
      len -= n;
      if (buffered == partSize) {
        uploadPart();
      }
    }
  }

  /** Called once the client's data connection ended normally. */
  public Received finish() throws UploadFailedException {
    if (failure != null) {
      throw failure;
    }
    String sha = HexFormat.of().formatHex(digest.digest());
    if (uploadId == null) {
      return new InMemory(buffer, buffered, size, sha, containerEnd.verdict());
    }
    if (buffered > 0) {
      uploadPart();
    }
    try {
      s3.completeMultipartUpload(b -> b.bucket(bucket).key(stagingKey).uploadId(uploadId)
          .multipartUpload(m -> m.parts(parts)));
    } catch (SdkException e) {
      throw fail(ObjectStoreErrors.failure("completing multipart upload", e));
    }
    uploadId = null;
    release();
    return new Staged(stagingKey, size, sha, containerEnd.verdict());
  }

  /** Discards whatever was sent; best effort when the object store itself is down. */
  public void abort() {
    release();
    String id = uploadId;
    uploadId = null;
    if (id == null) {
      return;
    }
    try {
      s3.abortMultipartUpload(b -> b.bucket(bucket).key(stagingKey).uploadId(id));
    } catch (SdkException e) {
      LOG.warn("abort of multipart upload failed, retrying later key={} uploadId={}: {}", stagingKey, id, e.toString());
      janitor.abortLater(stagingKey, id);
    }
  }

  /**
   * Hands the buffer back for the next upload; after this the bytes of an {@link InMemory} are
   * gone, so it is called once the upload is committed or discarded. Idempotent.
   */
  public synchronized void release() {
    byte[] b = buffer;
    buffer = null;
    if (b != null) {
      buffers.give(b);
    }
  }

  private void grow() {
    byte[] bigger = buffers.take(Math.min(partSize, buffer.length * 2));
    System.arraycopy(buffer, 0, bigger, 0, buffered);
    buffers.give(buffer);
    buffer = bigger;
  }

  /** Makes the next write fail, for shutdown. */
  public void cancel() {
    cancelled = true;
  }

  public long size() {
    return size;
  }

  /** Closing decides nothing: see the class comment. */
  @Override
  public void close() {}

  private void uploadPart() throws UploadFailedException {
    try {
      if (uploadId == null) {
        uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(stagingKey)).uploadId();
      }
      int partNumber = parts.size() + 1;
      byte[] bytes = buffer;
      int length = buffered;
      // A content provider lets the SDK retry the part without copying the buffer.
      RequestBody body = RequestBody.fromContentProvider(
          () -> new ByteArrayInputStream(bytes, 0, length), length, "application/octet-stream");
      String etag = s3.uploadPart(b -> b.bucket(bucket).key(stagingKey).uploadId(uploadId)
          .partNumber(partNumber).contentLength((long) length), body).eTag();
      parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
      buffered = 0;
    } catch (SdkException e) {
      throw fail(ObjectStoreErrors.failure("multipart upload", e));
    }
  }

  private UploadFailedException fail(UploadFailedException e) {
    if (failure == null) {
      failure = e;
    }
    return failure;
  }
}
