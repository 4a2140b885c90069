package io.imagestore.bridge.upload;

import io.imagestore.bridge.namespace.NamespaceEntry;
import io.imagestore.bridge.namespace.NamespaceStore;
import io.imagestore.bridge.security.VirtualPaths;
import io.imagestore.bridge.security.VirtualPaths.NameNotAllowedException;
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
import java.util.Optional;
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
 *   <li>the bytes go to their content-addressed key {@code originals/<sha[0:2]>/<sha>} — one
 *       conditional PUT ({@code If-None-Match: *}) for a file that fit in the buffer, a server-side
 *       copy from the staging key for a larger one (skipped when the key exists: same key, same
 *       bytes); the staging object is deleted;
 *   <li>the event is produced and its ack awaited;
 *   <li>the namespace entry is written, published, so SIZE/LIST show the file.
 * </ol>
 *
 * An upload held for its rename (a temporary name, or an account that publishes on rename only)
 * gets an unpublished entry instead of steps 2 and 3; RNTO publishes it.
 *
 * <p>Every failure up to the ack throws {@link UploadFailedException} (451) and publishes nothing.
 * After the ack the upload <em>is</em> published, so nothing that fails later may turn the reply
 * into a 451 — the camera would retry an upload that is already out: a failed last step is logged
 * and the reply stays a success. What the store refuses whatever the retry (over-long keys and
 * metadata) is refused before the transfer by {@link #checkStorable} (553).
 *
 * <p>A content-addressed object is never deleted on failure: an earlier upload of the same bytes
 * may already be published and point at it, and an unreferenced one is harmless — the source's
 * retry publishes it.
 */
public final class UploadCommitter {
  private static final Logger LOG = LoggerFactory.getLogger(UploadCommitter.class);
  /** Nanosecond precision: the longest text an {@link Instant} takes in the metadata. */
  private static final Instant LONGEST_INSTANT = Instant.parse("2026-12-31T23:59:59.123456789Z");
  private static final int AFTER_ACK_ATTEMPTS = 3;

  private final S3Client s3;
  private final String bucket;
  private final ObjectKeys keys;
  private final NamespaceStore namespace;
  private final UploadEventPublisher publisher;
  private final TempNames tempNames;
  private final String bridgeInstance;
  private final Clock clock;
  private final StagingJanitor janitor;
  private final CommitPolicy policy;
  /** Enough idle buffers for a few concurrent camera images. */
  private final UploadBuffers buffers = new UploadBuffers(64L << 20);

  public UploadCommitter(S3Client s3, String bucket, ObjectKeys keys, NamespaceStore namespace,
      UploadEventPublisher publisher, TempNames tempNames, String bridgeInstance, Clock clock, StagingJanitor janitor) {
    this(s3, bucket, keys, namespace, publisher, tempNames, bridgeInstance, clock, janitor, CommitPolicy.defaults());
  }

  public UploadCommitter(S3Client s3, String bucket, ObjectKeys keys, NamespaceStore namespace,
      UploadEventPublisher publisher, TempNames tempNames, String bridgeInstance, Clock clock, StagingJanitor janitor,
      CommitPolicy policy) {
    this.policy = policy;
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
    return new UploadSink(s3, bucket, keys.staging(user), partSize, maxSize, janitor, buffers);
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

  /**
   * Refuses, before any byte is sent, a path whose namespace key or whose original's metadata the
   * object store would refuse.
   */
  public void checkStorable(String user, String home, String path) throws NameNotAllowedException {
    ObjectStoreLimits.checkKey(namespace.fileKey(home, path));
    ObjectStoreLimits.checkMetadata(originalMetadata(user, path, LONGEST_INSTANT, "0".repeat(64)));
  }

  /** Stores {@code received} for {@code path} and publishes it unless the name is temporary. */
  public NamespaceEntry commit(String user, String home, String path, Received received) throws UploadFailedException {
    Instant receivedAt = clock.instant();
    String objectKey = storeOriginal(user, path, received, receivedAt);
    NamespaceEntry stored = new NamespaceEntry(path, received.size(), received.sha256(), objectKey, false, receivedAt);
    if (heldForRename(user, path)) {
      writeEntry(home, stored);
      return stored;
    }
    // No unpublished entry first: the entry is only the FTP view of a published upload, and one
    // write instead of two is a third of an upload's requests. Until it is written after the ack,
    // SIZE and LIST do not show the file yet — the client has no 226 until then either.
    publisher.publish(event(user, stored));
    return markPublished(user, home, stored);
  }

  /** Whether a STOR of {@code path} by {@code user} is stored unpublished until an RNTO publishes it. */
  public boolean heldForRename(String user, String path) {
    return isTemporaryName(path) || policy.publishesOnRenameOnly(user);
  }

  public CommitPolicy policy() {
    return policy;
  }

  /**
   * RNTO of an upload: from a temporary name to a final one publishes it with the final name; any
   * other rename of an unpublished upload only moves it. Published uploads are immutable.
   *
   * <p>Two sessions (on any bridge instance) may rename the same temporary file at once: a rename
   * first claims the source in the store with a conditional write, then reads it again — so only
   * one of them finds it and publishes, the other gets {@link RenameOutcome#BUSY} or
   * {@link RenameOutcome#GONE}.
   */
  public RenameResult rename(String user, String home, String fromPath, String toPath) throws UploadFailedException {
    if (!claimRename(home, fromPath)) {
      return new RenameResult(RenameOutcome.BUSY, null);
    }
    boolean release = true;
    try {
      Optional<NamespaceEntry> current = readEntry(home, fromPath);
      if (current.isEmpty()) {
        return new RenameResult(RenameOutcome.GONE, null);
      }
      NamespaceEntry from = current.get();
      if (from.published()) {
        return new RenameResult(RenameOutcome.PUBLISHED, from);
      }
      if (fromPath.equals(toPath)) {
        // Writing the "new" entry and deleting the old one would delete the file itself.
        return new RenameResult(RenameOutcome.MOVED, from);
      }
      if (readEntry(home, toPath).map(NamespaceEntry::published).orElse(false)) {
        return new RenameResult(RenameOutcome.TARGET_PUBLISHED, from);
      }
      // An account that publishes on rename only publishes with any rename to a final name.
      boolean publish = !isTemporaryName(toPath);
      Instant at = publish ? clock.instant() : from.receivedAt();
      NamespaceEntry moved = new NamespaceEntry(toPath, from.size(), from.sha256(), from.objectKey(), false, at);
      writeEntry(home, moved);
      if (!publish) {
        deleteAfterRename(user, home, from.path());
        return new RenameResult(RenameOutcome.MOVED, moved);
      }
      publishOrForget(user, home, moved);
      // Published: the temporary entry goes first, so that no later rename can publish it again.
      if (!deleteAfterRename(user, home, from.path())) {
        // The claim stays, so the stale temporary entry cannot be renamed (and published) again.
        release = false;
      }
      return new RenameResult(RenameOutcome.MOVED, markPublished(user, home, moved));
    } finally {
      if (release) {
        releaseRename(home, fromPath);
      }
    }
  }

  /** What a rename did; {@code entry} is the renamed entry (or the published source). */
  public record RenameResult(RenameOutcome outcome, NamespaceEntry entry) {}

  public enum RenameOutcome {
    /** Renamed (and published when the new name is final). */
    MOVED,
    /** Another session is renaming the same file right now. */
    BUSY,
    /** The file is gone: another session renamed or deleted it. */
    GONE,
    /** The file was published meanwhile: published uploads are immutable. */
    PUBLISHED,
    /** The new name is a published upload, which a rename must not replace. */
    TARGET_PUBLISHED
  }

  /** Publishes {@code entry}'s event; on failure removes the unpublished entry just written and rethrows. */
  private void publishOrForget(String user, String home, NamespaceEntry entry) throws UploadFailedException {
    try {
      publisher.publish(event(user, entry));
    } catch (UploadFailedException e) {
      forgetEntry(user, home, entry.path());
      throw e;
    }
  }

  /** After the ack: the entry says published; a failure here is logged, never a failed upload. */
  private NamespaceEntry markPublished(String user, String home, NamespaceEntry entry) {
    NamespaceEntry published = new NamespaceEntry(entry.path(), entry.size(), entry.sha256(), entry.objectKey(), true,
        entry.receivedAt());
    for (int attempt = 1; ; attempt++) {
      try {
        namespace.putEntry(home, published);
        return published;
      } catch (SdkException e) {
        if (attempt == AFTER_ACK_ATTEMPTS) {
          LOG.warn("published upload still listed as unpublished user={} path={} sha256={}: {}", user,
              entry.path(), entry.sha256(), e.toString());
          return published;
        }
      }
    }
  }

  private boolean deleteAfterRename(String user, String home, String path) {
    try {
      namespace.deleteEntry(home, path);
      return true;
    } catch (SdkException e) {
      LOG.warn("rename left old entry user={} path={}: {}", user, path, e.toString());
      return false;
    }
  }

  private void forgetEntry(String user, String home, String path) {
    try {
      namespace.deleteEntry(home, path);
    } catch (SdkException e) {
      // Unpublished: an entry left behind can be deleted (DELE) or stored over by the retry.
      LOG.warn("unpublished entry not removed user={} path={}: {}", user, path, e.toString());
    }
  }

  private Optional<NamespaceEntry> readEntry(String home, String path) throws UploadFailedException {
    try {
      return namespace.entry(home, path);
    } catch (SdkException e) {
      throw ObjectStoreErrors.failure("reading the namespace entry", e);
    }
  }

  private boolean claimRename(String home, String path) throws UploadFailedException {
    try {
      return namespace.claimRename(home, path, clock.instant());
    } catch (SdkException e) {
      throw ObjectStoreErrors.failure("claiming the rename", e);
    }
  }

  private void releaseRename(String home, String path) {
    try {
      namespace.releaseRename(home, path);
    } catch (SdkException e) {
      // A leftover claim blocks renames of this path until it is stale (NamespaceStore.CLAIM_STALE_AFTER).
      LOG.warn("rename claim not released path={}: {}", path, e.toString());
    }
  }

  private UploadEvent event(String user, NamespaceEntry entry) {
    return UploadEvent.of(UUID.randomUUID(), user, entry.path(), bucket, entry.objectKey(), entry.size(),
        entry.sha256(), ContentTypes.forName(VirtualPaths.name(entry.path())), entry.receivedAt(), bridgeInstance);
  }

  private void writeEntry(String home, NamespaceEntry entry) throws UploadFailedException {
    try {
      namespace.putEntry(home, entry);
    } catch (SdkException e) {
      throw ObjectStoreErrors.failure("writing the namespace entry", e);
    }
  }

  private static Map<String, String> originalMetadata(String user, String path, Instant receivedAt, String sha256) {
    return Map.of(
        "imagestore-source", user,
        // S3 user metadata must be ASCII: the path travels URL-encoded.
        "imagestore-original-path", URLEncoder.encode(path, StandardCharsets.UTF_8),
        "imagestore-received-at", receivedAt.toString(),
        "imagestore-sha256", sha256);
  }

  private String storeOriginal(String user, String path, Received received, Instant receivedAt)
      throws UploadFailedException {
    String key = keys.original(received.sha256());
    Map<String, String> metadata = originalMetadata(user, path, receivedAt, received.sha256());
    String contentType = ContentTypes.forName(VirtualPaths.name(path));
    try {
      if (received instanceof InMemory small) {
        putIfAbsent(key, small, metadata, contentType);
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
      throw ObjectStoreErrors.failure("storing the original", e);
    }
    return key;
  }

  /**
   * One request whether or not the key exists: a HEAD before every PUT cost each upload a round
   * trip to spare the rare re-send its bytes. The condition keeps the first upload's metadata, as
   * the HEAD did.
   */
  private void putIfAbsent(String key, InMemory small, Map<String, String> metadata, String contentType) {
    byte[] bytes = small.bytes();
    int length = small.length();
    RequestBody body = RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, length), length,
        contentType);
    try {
      s3.putObject(b -> b.bucket(bucket).key(key).metadata(metadata).contentType(contentType)
          .contentLength((long) length).ifNoneMatch("*"), body);
    } catch (S3Exception e) {
      if (e.statusCode() == 412) {
        return; // stored before: same key, same bytes
      }
      if (e.statusCode() != 409) {
        throw e;
      }
      // 409: a concurrent conditional write of the same key, which may yet fail: make sure it is there.
      if (!exists(key)) {
        s3.putObject(b -> b.bucket(bucket).key(key).metadata(metadata).contentType(contentType)
            .contentLength((long) length), body);
      }
    }
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
