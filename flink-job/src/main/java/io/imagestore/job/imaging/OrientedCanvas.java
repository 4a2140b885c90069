package io.imagestore.job.imaging;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * An RGB image in display orientation, filled row by row from encoded (stored) rows. Writing the
 * rows straight to their turned positions means a rotated photo needs one full-size RGB copy,
 * not two (24 MP: 96 MB less).
 */
final class OrientedCanvas {

  private final BufferedImage image;
  private final int[] pixels;
  private final int encodedWidth;
  /** Index of encoded (x, y) in {@link #pixels} is origin + x * stepX + y * stepY. */
  private final int origin;
  private final int stepX;
  private final int stepY;

  OrientedCanvas(Orientation orientation, int encodedWidth, int encodedHeight) {
    int w = encodedWidth;
    int h = encodedHeight;
    this.encodedWidth = w;
    this.image = orientation.swapsAxes()
        ? new BufferedImage(h, w, BufferedImage.TYPE_INT_RGB)
        : new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    this.pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    // The display position of encoded (x, y) per orientation is listed in Orientation's comment.
    switch (orientation) {
      case NORMAL -> {
        origin = 0;
        stepX = 1;
        stepY = w;
      }
      case MIRROR_HORIZONTAL -> {
        origin = w - 1;
        stepX = -1;
        stepY = w;
      }
      case ROTATE_180 -> {
        origin = (h - 1) * w + w - 1;
        stepX = -1;
        stepY = -w;
      }
      case MIRROR_VERTICAL -> {
        origin = (h - 1) * w;
        stepX = 1;
        stepY = -w;
      }
      case TRANSPOSE -> {
        origin = 0;
        stepX = h;
        stepY = 1;
      }
      case ROTATE_90_CW -> {
        origin = h - 1;
        stepX = h;
        stepY = -1;
      }
      case TRANSVERSE -> {
        origin = (w - 1) * h + h - 1;
        stepX = -h;
        stepY = -1;
      }
      case ROTATE_90_CCW -> {
        origin = (w - 1) * h;
        stepX = -h;
        stepY = 1;
      }
      default -> throw new AssertionError(orientation);
    }
  }

  /** Places encoded row {@code encodedY}: {@code encodedWidth} RGB values from {@code offset}. */
  void putRow(int[] rgb, int offset, int encodedY) {
    int to = origin + encodedY * stepY;
    int end = offset + encodedWidth;
    for (int from = offset; from < end; from++) {
      pixels[to] = rgb[from];
      to += stepX;
    }
  }

  BufferedImage image() {
    return image;
  }
}
