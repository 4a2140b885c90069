package io.imagestore.bridge.upload;

import io.imagestore.bridge.upload.ContainerEnd.Verdict;

/** PNG: the 8-byte signature, then chunks (length, type, data, CRC) up to the end of {@code IEND}. */
final class PngStructure implements ContainerEnd.Structure {
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  private static final int IEND = ('I' << 24) | ('E' << 16) | ('N' << 8) | 'D';
  private static final int CRC = 4;

  private enum State { SIGNATURE, LENGTH, TYPE, BODY, DONE, BROKEN }

  private State state = State.SIGNATURE;
  private int pos;
  private long word;
  private long length;
  private int type;
  private long remaining;

  @Override
  public void update(byte[] b, int off, int len) {
    int end = off + len;
    int i = off;
    while (i < end && state != State.DONE && state != State.BROKEN) {
      if (state == State.BODY) {
        long n = Math.min(remaining, end - i);
        remaining -= n;
        i += (int) n;
        if (remaining == 0) {
          state = type == IEND ? State.DONE : State.LENGTH;
        }
        continue;
      }
      int c = b[i++] & 0xff;
      switch (state) {
        case SIGNATURE -> {
          if (c != (SIGNATURE[pos] & 0xff)) {
            state = State.BROKEN;
          } else if (++pos == SIGNATURE.length) {
            startWord(State.LENGTH);
          }
        }
        case LENGTH -> {
          if (addToWord(c)) {
            length = word;
            // Chunk lengths are at most 2^31 - 1 (PNG §5.3).
            state = length > Integer.MAX_VALUE ? State.BROKEN : State.TYPE;
            pos = 0;
            word = 0;
          }
        }
        case TYPE -> {
          if (addToWord(c)) {
            type = (int) word;
            remaining = length + CRC;
            state = State.BODY;
            pos = 0;
            word = 0;
          }
        }
        default -> { }
      }
    }
  }

  private void startWord(State next) {
    state = next;
    pos = 0;
    word = 0;
  }

  private boolean addToWord(int c) {
    word = (word << 8) | c;
    return ++pos == 4;
  }

  @Override
  public Verdict verdict() {
    return switch (state) {
      case DONE -> Verdict.COMPLETE;
      // Not a PNG, or too short to tell.
      case BROKEN, SIGNATURE -> Verdict.UNRECOGNIZED;
      default -> Verdict.CUT;
    };
  }
}
