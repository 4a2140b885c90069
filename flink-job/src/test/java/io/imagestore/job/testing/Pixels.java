package io.imagestore.job.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;

/** Colour assertions on decoded outputs. */
public final class Pixels {

  /** JPEG chroma subsampling and the test scene's noise move colours by a few dozen levels. */
  public static final int TOLERANCE = 40;

  private Pixels() {}

  /** Mean colour of a small window centred at ({@code fx}, {@code fy}) of the image (0–1). */
  public static Color meanAt(BufferedImage image, double fx, double fy) {
    int cx = (int) (fx * (image.getWidth() - 1));
    int cy = (int) (fy * (image.getHeight() - 1));
    int radius = Math.max(0, Math.min(image.getWidth(), image.getHeight()) / 16);
    long r = 0;
    long g = 0;
    long b = 0;
    int n = 0;
    for (int y = Math.max(0, cy - radius); y <= Math.min(image.getHeight() - 1, cy + radius); y++) {
      for (int x = Math.max(0, cx - radius); x <= Math.min(image.getWidth() - 1, cx + radius); x++) {
        int rgb = image.getRGB(x, y);
        r += rgb >> 16 & 0xFF;
        g += rgb >> 8 & 0xFF;
        b += rgb & 0xFF;
        n++;
      }
    }
    return new Color((int) (r / n), (int) (g / n), (int) (b / n));
  }

  public static void assertColour(BufferedImage image, double fx, double fy, Color expected) {
    Color actual = meanAt(image, fx, fy);
    assertThat(distance(actual, expected))
        .as("colour at (%.2f, %.2f) is %s, expected about %s", fx, fy, actual, expected)
        .isLessThanOrEqualTo(TOLERANCE);
  }

  /** Red top left, green top right, blue bottom left, yellow bottom right. */
  public static void assertUprightQuadrants(BufferedImage image) {
    assertColour(image, 0.25, 0.25, TestImages.RED);
    assertColour(image, 0.75, 0.25, TestImages.GREEN);
    assertColour(image, 0.25, 0.75, TestImages.BLUE);
    assertColour(image, 0.75, 0.75, TestImages.YELLOW);
  }

  public static int distance(Color a, Color b) {
    return Math.max(Math.abs(a.getRed() - b.getRed()),
        Math.max(Math.abs(a.getGreen() - b.getGreen()), Math.abs(a.getBlue() - b.getBlue())));
  }
}
