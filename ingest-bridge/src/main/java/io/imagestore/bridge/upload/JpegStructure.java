package io.imagestore.bridge.upload;

import io.imagestore.bridge.upload.ContainerEnd.Verdict;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * JPEG (ITU T.81) segment by segment: SOI, marker segments skipped by their length (so an EXIF
 * thumbnail's own end marker inside APP1 does not count), entropy-coded data after each SOS
 * scanned for the next marker (stuffed {@code FF 00} and restart markers are data), up to the
 * top-level EOI. Progressive files, with several scans, end at the same EOI.
 */
final class JpegStructure implements ContainerEnd.Structure {
  private enum State { SOI_FF, SOI_D8, MARKER_FF, MARKER_CODE, LENGTH_HIGH, LENGTH_LOW, SEGMENT, ENTROPY, ENTROPY_FF,
    DONE, BROKEN }

  private static final int SOI = 0xD8;
  private static final int EOI = 0xD9;
  private static final int SOS = 0xDA;
  private static final int TEM = 0x01;

  private State state = State.SOI_FF;
  private int marker;
  private int length;
  private int remaining;

  @Override
  public void update(byte[] b, int off, int len) {
    int end = off + len;
    int i = off;
    while (i < end && state != State.DONE && state != State.BROKEN) {
      switch (state) {
        case SEGMENT -> {
          int n = Math.min(remaining, end - i);
          remaining -= n;
          i += n;
          if (remaining == 0) {
            state = marker == SOS ? State.ENTROPY : State.MARKER_FF;
          }
        }
        case ENTROPY -> {
          i = nextFf(b, i, end);
          if (i < end) {
            i++;
            state = State.ENTROPY_FF;
          }
        }
        default -> step(b[i++] & 0xff);
      }
    }
  }

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  /**
   * The index of the next {@code FF} in {@code b[i..end)}, or {@code end}: eight bytes at a time
   * (a byte is FF exactly when its complement is zero), since entropy-coded data is nearly all of
   * a JPEG.
   */
  private static int nextFf(byte[] b, int i, int end) {
    while (i + Long.BYTES <= end) {
      long inverted = ~(long) LONGS.get(b, i);
      if (((inverted - ONES) & ~inverted & HIGHS) != 0) {
        break;
      }
      i += Long.BYTES;
    }
    while (i < end && b[i] != (byte) 0xFF) {
      i++;
    }
    return i;
  }

  private void step(int c) {
    state = switch (state) {
      case SOI_FF -> c == 0xFF ? State.SOI_D8 : State.BROKEN;
      case SOI_D8 -> c == SOI ? State.MARKER_FF : State.BROKEN;
      case MARKER_FF -> c == 0xFF ? State.MARKER_CODE : State.BROKEN;
      case MARKER_CODE -> marker(c, State.MARKER_FF);
      case ENTROPY_FF -> c == 0x00 || (c >= 0xD0 && c <= 0xD7) ? State.ENTROPY : marker(c, State.ENTROPY);
      case LENGTH_HIGH -> {
        length = c << 8;
        yield State.LENGTH_LOW;
      }
      case LENGTH_LOW -> {
        length |= c;
        remaining = length - 2;
        yield length < 2 ? State.BROKEN : remaining == 0 ? afterSegment() : State.SEGMENT;
      }
      default -> state;
    };
  }

  /** After {@code FF c}: {@code standalone} is where a marker without a length leads. */
  private State marker(int c, State standalone) {
    if (c == 0xFF) {
      return state; // fill byte: the marker code follows
    }
    if (c == EOI) {
      return State.DONE;
    }
    if (c == TEM || (c >= 0xD0 && c <= 0xD7)) {
      return standalone == State.ENTROPY ? State.ENTROPY : State.MARKER_FF;
    }
    if (c == SOI || c == 0x00) {
      return State.BROKEN;
    }
    marker = c;
    return State.LENGTH_HIGH;
  }

  private State afterSegment() {
    return marker == SOS ? State.ENTROPY : State.MARKER_FF;
  }

  @Override
  public Verdict verdict() {
    return switch (state) {
      case DONE -> Verdict.COMPLETE;
      // Not a JPEG after all, or one too broken to follow: let the job judge it.
      case BROKEN, SOI_D8 -> Verdict.UNRECOGNIZED;
      default -> Verdict.CUT;
    };
  }
}
