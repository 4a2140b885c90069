package io.imagestore.bridge.namespace;

import io.imagestore.objectstore.ConditionalPuts;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The accounts' FTP namespaces, kept in the object store itself so that every bridge instance
 * sees the same folders and files and nothing is lost on restart:
 *
 * <ul>
 *   <li>a directory is a small marker object {@code <prefix><home>/<dir>/} (made by MKD);
 *   <li>a file is a small entry object {@code <prefix><home>/<path>} whose user metadata names the
 *       content-addressed original, its size, sha256 and whether its event is posted.
 * </ul>
 *
 * The bytes themselves are stored once, under their hash; entries only point at them.
 */
public final class NamespaceStore {
  static final String META_SHA256 = "imagestore-sha256";
  static final String META_SIZE = "imagestore-size";
  static final String META_OBJECT_KEY = "imagestore-object-key";
  static final String META_STATE = "imagestore-state";
  static final String META_RECEIVED_AT = "imagestore-received-at";

  /** A rename whose claim is this old was cut off (bridge killed): long past any Kafka ack timeout. */
  static final Duration CLAIM_STALE_AFTER = Duration.ofMinutes(10);
  private static final String CLAIMS_DIR_NAME = "rename-claims.";

  private final S3Client s3;
  private final String bucket;
  private final String prefix;
  private final KnownDirectories knownDirectories =
      new KnownDirectories(100_000, Duration.ofMinutes(10), Clock.systemUTC());

  public NamespaceStore(S3Client s3, String bucket, String prefix) {
    this.s3 = s3;
    this.bucket = bucket;
    this.prefix = prefix;
  }

  /** A directory listing: sub-directory names and file entries. */
  public record Listing(List<String> directories, List<NamespaceEntry> files) {}

  public Optional<NamespaceEntry> entry(String home, String path) {
    if (path.equals("/")) {
      return Optional.empty();
    }
    try {
      HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(fileKey(home, path)));
      return Optional.of(toEntry(path, head.metadata(), head.lastModified()));
    } catch (NoSuchKeyException missing) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  public boolean isDirectory(String home, String path) {
    if (path.equals("/")) {
      return true;
    }
    String key = dirKey(home, path);
    if (knownDirectories.contains(key)) {
      return true;
    }
    ListObjectsV2Response r = s3.listObjectsV2(b -> b.bucket(bucket).prefix(key).maxKeys(1));
    boolean exists = r.keyCount() != null && r.keyCount() > 0 || !r.contents().isEmpty();
    if (exists) {
      knownDirectories.add(key);
    }
    return exists;
  }

  public void makeDirectory(String home, String path) {
    String key = dirKey(home, path);
    s3.putObject(b -> b.bucket(bucket).key(key), marker("{\"directory\":true}"));
    knownDirectories.add(key);
  }

  /** Removes an empty directory; false when it still holds something. */
  public boolean removeDirectory(String home, String path) {
    String key = dirKey(home, path);
    knownDirectories.remove(key);
    ListObjectsV2Response r = s3.listObjectsV2(b -> b.bucket(bucket).prefix(key).maxKeys(2));
    boolean onlyMarker = r.contents().stream().allMatch(o -> o.key().equals(key));
    if (!onlyMarker) {
      return false;
    }
    s3.deleteObject(b -> b.bucket(bucket).key(key));
    return true;
  }

  public void putEntry(String home, NamespaceEntry entry) {
    Map<String, String> meta = new HashMap<>();
    meta.put(META_SHA256, entry.sha256());
    meta.put(META_SIZE, Long.toString(entry.size()));
    meta.put(META_OBJECT_KEY, entry.objectKey());
    meta.put(META_STATE, entry.published() ? "published" : "pending");
    meta.put(META_RECEIVED_AT, entry.receivedAt().toString());
    String body = "{\"sha256\":\"" + entry.sha256() + "\",\"size\":" + entry.size() + ",\"objectKey\":\""
        + entry.objectKey() + "\",\"state\":\"" + meta.get(META_STATE) + "\"}";
    s3.putObject(b -> b.bucket(bucket).key(fileKey(home, entry.path())).metadata(meta), marker(body));
  }

  /**
   * Markers carry a short JSON body rather than none: with an empty signed (aws-chunked) body the
   * embedded S3 server answers 200 without reading the chunk trailer and drops the connection, and
   * under load the SDK then retried on one dead pooled connection after another (measured: 16
   * concurrent uploads, a failed PUT every few runs). A body is also readable by operators.
   */
  private static RequestBody marker(String json) {
    return RequestBody.fromString(json, StandardCharsets.UTF_8);
  }

  /**
   * Claims the rename of {@code path} with a conditional write ({@code If-None-Match: *}): of two
   * sessions, on one bridge or two, only one gets true. A claim older than
   * {@link #CLAIM_STALE_AFTER} belongs to a bridge that died mid-rename and is taken over.
   */
  public boolean claimRename(String home, String path, Instant now) {
    String key = claimKey(home, path);
    if (putIfAbsent(key, now)) {
      return true;
    }
    Optional<Instant> claimed = lastModified(key);
    if (claimed.isPresent() && claimed.get().plus(CLAIM_STALE_AFTER).isBefore(now)) {
      s3.deleteObject(b -> b.bucket(bucket).key(key));
      return putIfAbsent(key, now);
    }
    return claimed.isEmpty() && putIfAbsent(key, now);
  }

  public void releaseRename(String home, String path) {
    s3.deleteObject(b -> b.bucket(bucket).key(claimKey(home, path)));
  }

  private boolean putIfAbsent(String key, Instant now) {
    try {
      s3.putObject(b -> b.bucket(bucket).key(key).ifNoneMatch("*"), marker("{\"renameClaimedAt\":\"" + now + "\"}"));
      return true;
    } catch (S3Exception e) {
      // Claimed by someone else, or being claimed right now.
      if (ConditionalPuts.keyTaken(e)) {
        return false;
      }
      throw e;
    }
  }

  private Optional<Instant> lastModified(String key) {
    try {
      return Optional.of(s3.headObject(b -> b.bucket(bucket).key(key)).lastModified());
    } catch (NoSuchKeyException missing) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * Claims live beside the account's files in a folder whose name ends with a dot, which no FTP
   * path can name (see FileNamePolicy): a client can neither see nor forge one.
   */
  private String claimKey(String home, String path) {
    return prefix + home + "/" + CLAIMS_DIR_NAME + path;
  }

  public void deleteEntry(String home, String path) {
    s3.deleteObject(b -> b.bucket(bucket).key(fileKey(home, path)));
  }

  /** Lists one directory level. Costs one HEAD per file (S3 listings carry no user metadata). */
  public Listing list(String home, String dir) {
    String dirKey = dirKey(home, dir);
    List<String> dirs = new ArrayList<>();
    List<NamespaceEntry> files = new ArrayList<>();
    ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(bucket).prefix(dirKey).delimiter("/").build();
    for (ListObjectsV2Response page : s3.listObjectsV2Paginator(request)) {
      for (CommonPrefix p : page.commonPrefixes()) {
        String name = p.prefix().substring(dirKey.length(), p.prefix().length() - 1);
        if (!name.isEmpty() && !(dir.equals("/") && name.equals(CLAIMS_DIR_NAME))) {
          dirs.add(name);
        }
      }
      for (S3Object o : page.contents()) {
        if (o.key().equals(dirKey)) {
          continue;
        }
        String name = o.key().substring(dirKey.length());
        String path = (dir.equals("/") ? "" : dir) + "/" + name;
        entry(home, path).ifPresent(files::add);
      }
    }
    return new Listing(dirs, files);
  }

  /** The object key of a file entry, for checks of the store's key limits. */
  public String fileKey(String home, String path) {
    return prefix + home + path;
  }

  private String dirKey(String home, String path) {
    return path.equals("/") ? prefix + home + "/" : prefix + home + path + "/";
  }

  private static NamespaceEntry toEntry(String path, Map<String, String> meta, Instant lastModified) {
    String receivedAt = meta.get(META_RECEIVED_AT);
    String size = meta.get(META_SIZE);
    return new NamespaceEntry(
        path,
        size == null ? 0 : Long.parseLong(size),
        meta.getOrDefault(META_SHA256, ""),
        meta.getOrDefault(META_OBJECT_KEY, ""),
        "published".equals(meta.get(META_STATE)),
        receivedAt == null ? lastModified : Instant.parse(receivedAt));
  }
}
