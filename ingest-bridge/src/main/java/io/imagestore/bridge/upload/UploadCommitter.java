package io.imagestore.bridge.upload;

import io.imagestore.bridge.namespace.NamespaceEntry;
import io.imagestore.bridge.namespace.NamespaceStore;
import io.imagestore.bridge.security.VirtualPaths;
import io.imagestore.bridge.upload.UploadFailedException.Reason;
import io.imagestore.bridge.upload.UploadSink.InMemory;
import io.imagestore.bridge.upload.UploadSink.Received;
import io.imagestore.bridge.upload.UploadSink.Staged;
import io.imagestore.schemas.UploadEvent;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns a complete transfer into a durable, published upload, in this order:
 *
 * <ol>
 *   <li>the bytes go to their content-addressed key {@code originals/<sha[0:2]>/<sha>} — one PUT
 *       for a file that fit in the buffer, a server-side copy from the staging key for a larger
 *       one (skipped when the key exists: same key, same bytes); the staging object is deleted;
 *   <li>the event is produced and its ack awaited (skipped for a temporary name: published at RNTO);
 *   <li>the namespace entry is written, so SIZE/LIST show the file.
 * </ol>
 *
 * Any failure throws {@link UploadFailedException} (451). A content-addressed object is never
 * deleted on failure: an earlier upload of the same bytes may already be published and point at
 * it, and an unreferenced one is harmless — the source's retry publishes it.
 */
public final class UploadCommitter {
  private static final Logger LOG = LoggerFactory.getLogger(UploadCommitter.class);

  private final S3Client s3;
  private final String bucket;
  private final ObjectKeys keys;
  private final NamespaceStore namespace;
  private final UploadEventPublisher publisher;
  private final TempNames tempNames;
  private final String bridgeInstance;
  private final Clock clock;
  private final StagingJanitor janitor;

  public UploadCommitter(S3Client s3, String bucket, ObjectKeys keys, NamespaceStore namespace,
      UploadEventPublisher publisher, TempNames tempNames, String bridgeInstance, Clock clock, StagingJanitor janitor) {
    this.janitor = janitor;
    this.s3 = s3;
    this.bucket = bucket;
    this.keys = keys;
    this.namespace = namespace;
    this.publisher = publisher;
    this.tempNames = tempNames;
    this.bridgeInstance = bridgeInstance;
    this.clock = clock;
  }

  public UploadSink openSink(String user, int partSize, long maxSize) {
    return new UploadSink(s3, bucket, keys.staging(user), partSize, maxSize, janitor);
  }

  /** Drops a complete transfer that must not be published (its client is gone). */
  public void discard(Received received) {
    if (received instanceof Staged staged) {
      deleteStaging(staged.stagingKey());
    }
  }

  public boolean isTemporaryName(String path) {
    return tempNames.isTemporary(VirtualPaths.name(path));
  }

  /** Stores {@code received} for {@code path} and publishes it unless the name is temporary. */
  public NamespaceEntry commit(String user, String home, String path, Received received) throws UploadFailedException {
    Instant receivedAt = clock.instant();
    String objectKey = storeOriginal(user, path, received, receivedAt);
    boolean publish = !isTemporaryName(path);
    NamespaceEntry entry = new NamespaceEntry(path, received.size(), received.sha256(), objectKey, publish, receivedAt);
    if (publish) {
      publisher.publish(event(user, entry));
    }
    writeEntry(home, entry);
    return entry;
  }

  /**
   * RNTO of an upload: from a temporary name to a final one publishes it with the final name; any
   * other rename of an unpublished upload only moves it. Published uploads are immutable (the caller
   * refuses to rename them).
   */
  public NamespaceEntry rename(String user, String home, NamespaceEntry from, String toPath) throws UploadFailedException {
    boolean publish = !from.published() && !isTemporaryName(toPath);
    Instant at = publish ? clock.instant() : from.receivedAt();
    NamespaceEntry moved = new NamespaceEntry(toPath, from.size(), from.sha256(), from.objectKey(), publish, at);
    if (publish) {
      publisher.publish(event(user, moved));
    }
    writeEntry(home, moved);
    try {
      namespace.deleteEntry(home, from.path());
    } catch (SdkException e) {
      // The event is out and the final entry written: a stale temporary entry is only cosmetic.
      LOG.warn("rename left old entry user={} path={}: {}", user, from.path(), e.toString());
    }
    return moved;
  }

  private UploadEvent event(String user, NamespaceEntry entry) {
    return UploadEvent.of(UUID.randomUUID(), user, entry.path(), bucket, entry.objectKey(), entry.size(),
        entry.sha256(), ContentTypes.forName(VirtualPaths.name(entry.path())), entry.receivedAt(), bridgeInstance);
  }

  private void writeEntry(String home, NamespaceEntry entry) throws UploadFailedException {
    try {
      namespace.putEntry(home, entry);
    } catch (SdkException e) {
      throw new UploadFailedException(Reason.OBJECT_STORE, "writing the namespace entry failed: " + e.getMessage(), e);
    }
  }

  private String storeOriginal(String user, String path, Received received, Instant receivedAt)
      throws UploadFailedException {
    String key = keys.original(received.sha256());
    Map<String, String> metadata = Map.of(
        "imagestore-source", user,
        // S3 user metadata must be ASCII: the path travels URL-encoded.
        "imagestore-original-path", URLEncoder.encode(path, StandardCharsets.UTF_8),
        "imagestore-received-at", receivedAt.toString(),
        "imagestore-sha256", received.sha256());
    String contentType = ContentTypes.forName(VirtualPaths.name(path));
    try {
      if (received instanceof InMemory small) {
        if (!exists(key)) {
          byte[] bytes = small.bytes();
          int length = small.length();
          s3.putObject(b -> b.bucket(bucket).key(key).metadata(metadata).contentType(contentType)
                  .contentLength((long) length),
              RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, length), length, contentType));
        }
      } else if (received instanceof Staged staged) {
        try {
          if (!exists(key)) {
            // On RGW a copy within one pool shares the tail objects by refcount: no bytes move.
            s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(staged.stagingKey())
                .destinationBucket(bucket).destinationKey(key)
                .metadataDirective(MetadataDirective.REPLACE).metadata(metadata).contentType(contentType));
          }
        } finally {
          deleteStaging(staged.stagingKey());
        }
      }
    } catch (SdkException e) {
      throw new UploadFailedException(Reason.OBJECT_STORE, "storing the original failed: " + e.getMessage(), e);
    }
    return key;
  }

  private boolean exists(String key) {
    try {
      s3.headObject(b -> b.bucket(bucket).key(key));
      return true;
    } catch (NoSuchKeyException e) {
      return false;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  private void deleteStaging(String stagingKey) {
    try {
      s3.deleteObject(b -> b.bucket(bucket).key(stagingKey));
    } catch (SdkException e) {
      // Never published: a leftover staging object is garbage, not data.
      LOG.warn("staging object not deleted, retrying later key={}: {}", stagingKey, e.toString());
      janitor.deleteLater(stagingKey);
    }
  }
}
