package io.imagestore.stack.ceph;

import io.imagestore.stack.fixtures.GeneratedStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A large object whose bytes are generated, never held: part {@code n} is a pseudo-random stream
 * seeded with {@code seed + n}, so any part can be produced again (the SDK re-reads a part body when
 * it retries) and the whole object's SHA-256 is known without storing it.
 */
record GeneratedObject(long seed, long size, long partSize) {

  GeneratedObject {
    if (size < 1 || partSize < 1) {
      throw new IllegalArgumentException("size and part size must be positive");
    }
  }

  int parts() {
    return (int) ((size + partSize - 1) / partSize);
  }

  /** Length of part {@code index} (0-based). */
  long partLength(int index) {
    return Math.min(partSize, size - index * partSize);
  }

  InputStream part(int index) {
    return new GeneratedStream(seed + index, partLength(index));
  }

  String sha256() {
    MessageDigest digest = sha256Digest();
    byte[] buffer = new byte[1 << 16];
    for (int i = 0; i < parts(); i++) {
      try (InputStream in = part(i)) {
        for (int n; (n = in.read(buffer)) > 0; ) {
          digest.update(buffer, 0, n);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** SHA-256 and length of everything {@code in} yields, read in 64 KiB steps. */
  static String sha256(InputStream in, long[] bytesRead) throws IOException {
    MessageDigest digest = sha256Digest();
    byte[] buffer = new byte[1 << 16];
    long total = 0;
    for (int n; (n = in.read(buffer)) > 0; ) {
      digest.update(buffer, 0, n);
      total += n;
    }
    bytesRead[0] = total;
    return HexFormat.of().formatHex(digest.digest());
  }

  static MessageDigest sha256Digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
