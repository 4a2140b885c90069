package io.imagestore.job.imaging;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * The eight EXIF orientations: how the stored (encoded) pixels must be turned to be displayed
 * upright. Decoders hand out pixels as stored, so every path that decodes itself must apply it.
 *
 * <p>Each orientation maps an encoded pixel (x, y) of a W×H image to its display position:
 * 1 (x, y); 2 mirror (W-1-x, y); 3 rotate 180° (W-1-x, H-1-y); 4 flip (x, H-1-y); and, with
 * width and height swapped, 5 transpose (y, x); 6 rotate 90° clockwise (H-1-y, x); 7 transverse
 * (H-1-y, W-1-x); 8 rotate 90° counter-clockwise (y, W-1-x).
 */
enum Orientation {
  NORMAL(1),
  MIRROR_HORIZONTAL(2),
  ROTATE_180(3),
  MIRROR_VERTICAL(4),
  TRANSPOSE(5),
  ROTATE_90_CW(6),
  TRANSVERSE(7),
  ROTATE_90_CCW(8);

  private final int tag;

  Orientation(int tag) {
    this.tag = tag;
  }

  /** The orientation an EXIF tag value asks for; absent or invalid values mean as stored. */
  static Orientation fromExif(Integer tag) {
    if (tag == null || tag < 1 || tag > 8) {
      return NORMAL;
    }
    return values()[tag - 1];
  }

  int tag() {
    return tag;
  }

  /** Whether display width is the encoded height (a quarter turn or a transposition). */
  boolean swapsAxes() {
    return tag >= 5;
  }

  /** Display size of an encoded size. */
  PixelSize displaySize(PixelSize encoded) {
    return swapsAxes() ? new PixelSize(encoded.height(), encoded.width()) : encoded;
  }

  /**
   * The encoded-image rectangle holding the pixels that end up in {@code display} (a rectangle
   * of the displayed image) — so a decoder can read just those.
   */
  Rectangle toEncoded(Rectangle display, PixelSize encoded) {
    int[] a = encodedPoint(display.x, display.y, encoded);
    int[] b = encodedPoint(display.x + display.width - 1, display.y + display.height - 1, encoded);
    int x = Math.min(a[0], b[0]);
    int y = Math.min(a[1], b[1]);
    return new Rectangle(x, y, Math.abs(a[0] - b[0]) + 1, Math.abs(a[1] - b[1]) + 1);
  }

  /** Inverse of the display mapping in the class comment. */
  private int[] encodedPoint(int dx, int dy, PixelSize encoded) {
    int w = encoded.width();
    int h = encoded.height();
    return switch (this) {
      case NORMAL -> new int[] {dx, dy};
      case MIRROR_HORIZONTAL -> new int[] {w - 1 - dx, dy};
      case ROTATE_180 -> new int[] {w - 1 - dx, h - 1 - dy};
      case MIRROR_VERTICAL -> new int[] {dx, h - 1 - dy};
      case TRANSPOSE -> new int[] {dy, dx};
      case ROTATE_90_CW -> new int[] {dy, h - 1 - dx};
      case TRANSVERSE -> new int[] {w - 1 - dy, h - 1 - dx};
      case ROTATE_90_CCW -> new int[] {w - 1 - dy, dx};
    };
  }

  /**
   * The displayed image of {@code encoded}, a {@link BufferedImage#TYPE_INT_RGB} image with its
   * own raster: the same image for {@link #NORMAL}, otherwise a new one — an exact pixel
   * permutation, no resampling.
   */
  BufferedImage apply(BufferedImage encoded) {
    if (this == NORMAL) {
      return encoded;
    }
    int w = encoded.getWidth();
    int[] src = ((DataBufferInt) encoded.getRaster().getDataBuffer()).getData();
    OrientedCanvas canvas = new OrientedCanvas(this, w, encoded.getHeight());
    for (int y = 0; y < encoded.getHeight(); y++) {
      canvas.putRow(src, y * w, y);
    }
    return canvas.image();
  }
}
