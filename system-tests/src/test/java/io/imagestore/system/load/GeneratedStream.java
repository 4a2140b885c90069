package io.imagestore.system.load;

import java.io.InputStream;
import java.util.SplittableRandom;

/**
 * {@code length} pseudo-random bytes made on the fly, never held: a large upload costs no memory
 * or disk on the sending side, and random bytes defeat any compression on the way.
 */
public final class GeneratedStream extends InputStream {
  private final SplittableRandom random;
  private final byte[] block = new byte[1 << 16];
  private int blockPos = block.length;
  private long remaining;

  public GeneratedStream(long seed, long length) {
    if (length < 0) {
      throw new IllegalArgumentException("length must not be negative: " + length);
    }
    this.random = new SplittableRandom(seed);
    this.remaining = length;
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (len == 0) {
      return 0;
    }
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
