package io.imagestore.cli.bench;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * The files of {@code bench bridge}: one random body per size, shared by every upload, with a
 * unique stamp in an APP0 segment so each upload has its own content (the bridge stores content
 * once: repeated bytes would measure a shortcut, not an upload). Laid out as a baseline JPEG —
 * SOI, APP0, an SOS header, entropy-coded data without markers, EOI — as camera images are, so
 * the bridge's container check sees what it sees in production.
 */
final class BridgeBenchPayload implements BridgeBenchUploads.UploadBody {
  private static final int STAMP_OFFSET = 6;
  private static final int STAMP_LENGTH = 16;
  private static final byte[] HEAD = {
      (byte) 0xFF, (byte) 0xD8, // SOI
      (byte) 0xFF, (byte) 0xE0, 0, 2 + STAMP_LENGTH}; // APP0 holding the stamp
  private static final byte[] SCAN = {
      (byte) 0xFF, (byte) 0xDA, 0, 8, 1, 1, 0, 0, 0x3F, 0}; // SOS: one component

  private final byte[] body;

  BridgeBenchPayload(int size, long seed) {
    int entropyStart = HEAD.length + STAMP_LENGTH + SCAN.length;
    if (size < entropyStart + 2) {
      throw new IllegalArgumentException("file size too small: " + size);
    }
    body = new byte[size];
    new SplittableRandom(seed).nextBytes(body);
    System.arraycopy(HEAD, 0, body, 0, HEAD.length);
    System.arraycopy(SCAN, 0, body, HEAD.length + STAMP_LENGTH, SCAN.length);
    for (int i = entropyStart; i < size - 2; i++) {
      if (body[i] == (byte) 0xFF) {
        body[i] = (byte) 0xFE; // entropy-coded data holds no unstuffed FF
      }
    }
    body[size - 2] = (byte) 0xFF;
    body[size - 1] = (byte) 0xD9; // EOI
  }

  int size() {
    return body.length;
  }

  /** Upload {@code id}'s bytes, made while read: no copy of the body per upload. */
  @Override
  public InputStream open(long run, long id) {
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
