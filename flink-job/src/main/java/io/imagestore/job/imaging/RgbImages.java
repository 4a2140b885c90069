package io.imagestore.job.imaging;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/**
 * Conversions of decoded pixels into the one form the rest of the pipeline works on: an opaque
 * {@link BufferedImage#TYPE_INT_RGB} image with its own raster, in display orientation.
 */
final class RgbImages {

  /** Pixels converted per band when the output is turned: 4 MB of ints, whatever the image. */
  private static final int BAND_PIXELS = 1 << 20;

  private RgbImages() {}

  /** A {@link BufferedImage#TYPE_INT_RGB} image over {@code pixels} itself, not a copy. */
  static BufferedImage wrap(int[] pixels, int width, int height) {
    DirectColorModel model = new DirectColorModel(24, 0xFF0000, 0xFF00, 0xFF);
    WritableRaster raster = Raster.createPackedRaster(
        new DataBufferInt(pixels, width * height), width, height, width,
        model.getMasks(), null);
    return new BufferedImage(model, raster, false, null);
  }

  /** The pixels of a {@link #wrap}ped or {@link BufferedImage#TYPE_INT_RGB} image. */
  static int[] pixels(BufferedImage image) {
    return ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
  }

  /**
   * Rows {@code [firstRow, firstRow + rows)} of {@code decoded} as opaque RGB, turned by
   * {@code orientation}; transparency is composited onto white (JPEG has no alpha, and white is
   * what a page behind the image shows). Grey, indexed, 16-bit and ICC-tagged images are
   * converted by Java2D.
   */
  static BufferedImage flattenRows(
      BufferedImage decoded, int firstRow, int rows, Orientation orientation) {
    int w = decoded.getWidth();
    if (orientation == Orientation.NORMAL) {
      BufferedImage out = new BufferedImage(w, rows, BufferedImage.TYPE_INT_RGB);
      drawOnWhite(decoded, out, firstRow);
      return out;
    }
    // Java2D converts into a band, which is then scattered to its turned position.
    OrientedCanvas canvas = new OrientedCanvas(orientation, w, rows);
    int bandRows = Math.max(1, Math.min(rows, BAND_PIXELS / w));
    BufferedImage band = new BufferedImage(w, bandRows, BufferedImage.TYPE_INT_RGB);
    int[] bandPixels = ((DataBufferInt) band.getRaster().getDataBuffer()).getData();
    for (int top = 0; top < rows; top += bandRows) {
      drawOnWhite(decoded, band, firstRow + top);
      int n = Math.min(bandRows, rows - top);
      for (int r = 0; r < n; r++) {
        canvas.putRow(bandPixels, r * w, top + r);
      }
    }
    return canvas.image();
  }

  private static void drawOnWhite(BufferedImage source, BufferedImage target, int sourceRow) {
    Graphics2D g = target.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, target.getWidth(), target.getHeight());
      g.drawImage(source, 0, -sourceRow, null);
    } finally {
      g.dispose();
    }
  }

  /**
   * Rows {@code [firstRow, firstRow + rows)} of a four-component JPEG raster as RGB, turned by
   * {@code orientation}. The conversion is naive (the JDK ships no CMYK ICC profile): each ink
   * darkens its complementary channel, black darkens all three.
   *
   * <p>Adobe files (the ones Photoshop writes) store every sample inverted (255 = no ink); a YCCK
   * file stores the first three as YCbCr of the inks — see libjpeg's {@code ycck_cmyk_convert},
   * which the JDK leaves undone when reading a raster.
   */
  static BufferedImage fromFourComponentRaster(
      Raster raster, int adobeTransform, int firstRow, int rows, Orientation orientation) {
    int w = raster.getWidth();
    boolean inverted = adobeTransform != JpegHeader.NO_ADOBE_SEGMENT;
    boolean ycck = adobeTransform == JpegHeader.ADOBE_YCCK;
    OrientedCanvas canvas = new OrientedCanvas(orientation, w, rows);
    int[] rgb = new int[w];
    int[] samples = new int[w * 4];
    for (int row = 0; row < rows; row++) {
      raster.getPixels(raster.getMinX(), raster.getMinY() + firstRow + row, w, 1, samples);
      for (int x = 0, i = 0; x < w; x++, i += 4) {
        int c;
        int m;
        int y;
        int k; // ink amounts, 0 = none
        if (ycck) {
          int luma = samples[i];
          int cb = samples[i + 1] - 128;
          int cr = samples[i + 2] - 128;
          c = clamp(Math.round(luma + 1.402f * cr));
          m = clamp(Math.round(luma - 0.344136f * cb - 0.714136f * cr));
          y = clamp(Math.round(luma + 1.772f * cb));
          k = 255 - samples[i + 3];
        } else if (inverted) {
          c = 255 - samples[i];
          m = 255 - samples[i + 1];
          y = 255 - samples[i + 2];
          k = 255 - samples[i + 3];
        } else {
          c = samples[i];
          m = samples[i + 1];
          y = samples[i + 2];
          k = samples[i + 3];
        }
        int white = 255 - k;
        int r = (255 - c) * white / 255;
        int g = (255 - m) * white / 255;
        int b = (255 - y) * white / 255;
        rgb[x] = r << 16 | g << 8 | b;
      }
      canvas.putRow(rgb, 0, row);
    }
    return canvas.image();
  }

  private static int clamp(int value) {
    return Math.max(0, Math.min(255, value));
  }
}
