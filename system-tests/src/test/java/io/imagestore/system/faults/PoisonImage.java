package io.imagestore.system.faults;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * The poison drill's file: a valid 6 MP PNG, unique per seed. Its pure-Java decode takes long
 * enough that the drill's kill lands while the file is being processed, before a checkpoint can
 * commit its record.
 */
final class PoisonImage {
  private static final int WIDTH = 3000;
  private static final int HEIGHT = 2000;

  private PoisonImage() {}

  static byte[] png(long seed) {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    int tint = (int) (seed & 0xff);
    for (int y = 0; y < HEIGHT; y++) {
      for (int x = 0; x < WIDTH; x++) {
        image.setRGB(x, y, ((x * 255 / WIDTH) << 16) | ((y * 255 / HEIGHT) << 8) | ((tint + x ^ y) & 0xff));
      }
    }
    // The seed in the first row, bit by bit, so no two runs send the same bytes.
    for (int bit = 0; bit < 64; bit++) {
      image.setRGB(bit, 0, ((seed >>> bit) & 1) == 1 ? 0xffffff : 0);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
