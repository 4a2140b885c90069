package io.imagestore.job.imaging;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What the JPEG marker segments before the first scan say — read by walking the segment lengths,
 * without touching the entropy-coded data: whether the frame has four components (CMYK or YCCK,
 * which are converted from their raw samples) and the Adobe APP14 transform that tells which of
 * the two it is and whether the samples are stored inverted.
 *
 * @param components number of frame components from the SOF segment; 0 when none was seen
 * @param adobeTransform the Adobe APP14 colour transform (0 CMYK/RGB, 1 YCbCr, 2 YCCK), or -1
 *     when the file has no Adobe segment
 * @param reachedScan whether a start-of-scan marker was found after the headers
 * @param endedEarly whether the file ended inside the headers (a truncated download)
 * @param iccProfile whether an APP2 ICC_PROFILE segment precedes the scan (the pixels need a
 *     colour conversion that only the ImageIO path does)
 */
record JpegHeader(
    int components, int adobeTransform, boolean reachedScan, boolean endedEarly,
    boolean iccProfile) {

  JpegHeader(int components, int adobeTransform, boolean reachedScan, boolean endedEarly) {
    this(components, adobeTransform, reachedScan, endedEarly, false);
  }

  static final int NO_ADOBE_SEGMENT = -1;
  static final int ADOBE_YCCK = 2;

  private static final int SOS = 0xDA;
  private static final int EOI = 0xD9;
  private static final int APP14 = 0xEE;
  private static final int APP2 = 0xE2;
  private static final byte[] ICC_SIGNATURE = {'I', 'C', 'C', '_', 'P', 'R', 'O', 'F', 'I', 'L', 'E', 0};

  boolean isFourComponent() {
    return components == 4;
  }

  static JpegHeader read(Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 16 * 1024)) {
      return read(new DataInputStream(in));
    }
  }

  private static JpegHeader read(DataInputStream in) throws IOException {
    int components = 0;
    int adobeTransform = NO_ADOBE_SEGMENT;
    boolean icc = false;
    try {
      if (in.readUnsignedByte() != 0xFF || in.readUnsignedByte() != 0xD8) {
        return new JpegHeader(0, NO_ADOBE_SEGMENT, false, false);
      }
      while (true) {
        int marker = nextMarker(in);
        if (marker == SOS) {
          return new JpegHeader(components, adobeTransform, true, false, icc);
        }
        if (marker == EOI) {
          return new JpegHeader(components, adobeTransform, false, false);
        }
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
          continue; // stand-alone markers carry no length
        }
        int length = in.readUnsignedShort() - 2;
        if (length < 0) {
          return new JpegHeader(components, adobeTransform, false, false);
        }
        if (isStartOfFrame(marker) && length >= 6) {
          in.skipNBytes(5); // precision, height, width
          components = in.readUnsignedByte();
          in.skipNBytes(length - 6);
        } else if (marker == APP14 && length >= 12) {
          byte[] payload = in.readNBytes(length);
          if (payload.length < length) {
            throw new EOFException();
          }
          if (payload[0] == 'A' && payload[1] == 'd' && payload[2] == 'o'
              && payload[3] == 'b' && payload[4] == 'e') {
            adobeTransform = payload[11] & 0xFF;
          }
        } else if (marker == APP2 && length >= ICC_SIGNATURE.length) {
          byte[] signature = in.readNBytes(ICC_SIGNATURE.length);
          if (signature.length < ICC_SIGNATURE.length) {
            throw new EOFException();
          }
          icc |= Arrays.equals(signature, ICC_SIGNATURE);
          in.skipNBytes(length - ICC_SIGNATURE.length);
        } else {
          in.skipNBytes(length);
        }
      }
    } catch (EOFException e) {
      return new JpegHeader(components, adobeTransform, false, true);
    }
  }

  /** Reads up to the next marker code, skipping fill bytes (and stray bytes, as libjpeg does). */
  private static int nextMarker(DataInputStream in) throws IOException {
    int b = in.readUnsignedByte();
    while (b != 0xFF) {
      b = in.readUnsignedByte();
    }
    while (b == 0xFF) {
      b = in.readUnsignedByte();
    }
    return b;
  }

  /** SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
  private static boolean isStartOfFrame(int marker) {
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
  }
}
