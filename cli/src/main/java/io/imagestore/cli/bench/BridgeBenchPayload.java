package io.imagestore.cli.bench;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * The files of {@code bench bridge}: one random body per size, shared by every upload, with a
 * unique stamp after the JPEG start marker so each upload has its own content (the bridge stores
 * content once: repeated bytes would measure a shortcut, not an upload). Start and end look like a
 * JPEG (SOI … EOI), as camera images do.
 */
final class BridgeBenchPayload {
  private static final int STAMP_OFFSET = 2;
  private static final int STAMP_LENGTH = 16;

  private final byte[] body;

  BridgeBenchPayload(int size, long seed) {
    if (size < STAMP_OFFSET + STAMP_LENGTH + 2) {
      throw new IllegalArgumentException("file size too small: " + size);
    }
    body = new byte[size];
    new SplittableRandom(seed).nextBytes(body);
    body[0] = (byte) 0xFF;
    body[1] = (byte) 0xD8;
    body[size - 2] = (byte) 0xFF;
    body[size - 1] = (byte) 0xD9;
  }

  int size() {
    return body.length;
  }

  /** Upload {@code id}'s bytes, made while read: no copy of the body per upload. */
  InputStream open(long run, long id) {
    byte[] stamp = ByteBuffer.allocate(STAMP_LENGTH).putLong(run).putLong(id).array();
    return new InputStream() {
      private int pos;

      @Override
      public int read() {
        return pos == body.length ? -1 : byteAt(pos++) & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (len == 0) {
          return 0;
        }
        if (pos == body.length) {
          return -1;
        }
        int n = Math.min(len, body.length - pos);
        System.arraycopy(body, pos, b, off, n);
        for (int i = Math.max(pos, STAMP_OFFSET); i < Math.min(pos + n, STAMP_OFFSET + STAMP_LENGTH); i++) {
          b[off + i - pos] = stamp[i - STAMP_OFFSET];
        }
        pos += n;
        return n;
      }

      private byte byteAt(int i) {
        return i >= STAMP_OFFSET && i < STAMP_OFFSET + STAMP_LENGTH ? stamp[i - STAMP_OFFSET] : body[i];
      }
    };
  }
}
