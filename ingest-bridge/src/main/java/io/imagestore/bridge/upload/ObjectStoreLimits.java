package io.imagestore.bridge.upload;

import io.imagestore.bridge.security.VirtualPaths;
import io.imagestore.bridge.security.VirtualPaths.NameNotAllowedException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What the object store refuses however often it is asked, checked before a transfer starts so
 * that the client gets a permanent 553 up front — not a 451 after the bytes (or even the event)
 * are out, which a camera retries forever.
 */
final class ObjectStoreLimits {
  /** S3 and RGW: a key is at most 1024 bytes of UTF-8. */
  static final int MAX_KEY_BYTES = 1024;
  /** S3: user metadata, keys plus values in UTF-8, at most 2 KB (RGW allows more). */
  static final int MAX_USER_METADATA_BYTES = 2048;

  private ObjectStoreLimits() {}

  static void checkKey(String key) throws NameNotAllowedException {
    if (VirtualPaths.utf8Length(key) > MAX_KEY_BYTES) {
      throw new NameNotAllowedException("path too long for the object store (at most " + MAX_KEY_BYTES
          + " bytes with the account's folder)");
    }
  }

  static void checkMetadata(Map<String, String> metadata) throws NameNotAllowedException {
    int bytes = 0;
    for (Map.Entry<String, String> e : metadata.entrySet()) {
      bytes += e.getKey().getBytes(StandardCharsets.UTF_8).length + e.getValue().getBytes(StandardCharsets.UTF_8).length;
    }
    if (bytes > MAX_USER_METADATA_BYTES) {
      throw new NameNotAllowedException("path too long for the object store's metadata (" + bytes + " of "
          + MAX_USER_METADATA_BYTES + " bytes)");
    }
  }
}
