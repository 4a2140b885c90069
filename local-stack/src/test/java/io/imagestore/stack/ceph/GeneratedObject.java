package io.imagestore.stack.ceph;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

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
    return new RandomStream(new SplittableRandom(seed + index), partLength(index));
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

  /** Bytes come in fixed 64 KiB blocks, so the sequence does not depend on the callers' read sizes. */
  private static final class RandomStream extends InputStream {
    private final SplittableRandom random;
    private final byte[] block = new byte[1 << 16];
    private int blockPos = block.length;
    private long remaining;

    RandomStream(SplittableRandom random, long length) {
      this.random = random;
      this.remaining = length;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (remaining == 0) {
        return -1;
      }
      if (blockPos == block.length) {
        random.nextBytes(block);
        blockPos = 0;
      }
      int n = (int) Math.min(Math.min(len, block.length - blockPos), remaining);
      System.arraycopy(block, blockPos, b, off, n);
      blockPos += n;
      remaining -= n;
      return n;
    }
  }
}
