package io.imagestore.job.imaging.bench;

import java.awt.image.BufferedImage;

/** Peak signal-to-noise ratio of two same-size 8-bit RGB images, over all three channels. */
public final class Psnr {

  private Psnr() {}

  /** In dB; {@link Double#POSITIVE_INFINITY} for identical images. */
  public static double of(BufferedImage a, BufferedImage b) {
    if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
      throw new IllegalArgumentException("sizes differ: " + a.getWidth() + "x" + a.getHeight()
          + " and " + b.getWidth() + "x" + b.getHeight());
    }
    int w = a.getWidth();
    int[] rowA = new int[w];
    int[] rowB = new int[w];
    double squares = 0;
    for (int y = 0; y < a.getHeight(); y++) {
      a.getRGB(0, y, w, 1, rowA, 0, w);
      b.getRGB(0, y, w, 1, rowB, 0, w);
      for (int x = 0; x < w; x++) {
        for (int shift = 0; shift <= 16; shift += 8) {
          int d = ((rowA[x] >> shift) & 0xFF) - ((rowB[x] >> shift) & 0xFF);
          squares += d * d;
        }
      }
    }
    double mse = squares / (3.0 * w * a.getHeight());
    return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
  }
}
