package io.imagestore.system.load;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * Small JPEGs that are all different: each carries its sequence number and a run tag as a strip
 * of black and white blocks (no fonts: a headless JVM may have none), over colours derived from
 * both. So the job never deduplicates one upload of a load against another — a lost image could
 * otherwise hide behind a duplicate of the same bytes.
 */
public final class UniqueJpegs {
  private static final int BITS = 64;

  private final long runTag;
  private final int width;
  private final int height;

  /**
   * @param runTag drawn into every image, so two runs on the same store never share an image
   */
  public UniqueJpegs(long runTag, int width, int height) {
    if (width < BITS * 2 || height < 64) {
      throw new IllegalArgumentException("images must be at least " + BITS * 2 + "x64, got " + width + "x" + height);
    }
    this.runTag = runTag;
    this.width = width;
    this.height = height;
  }

  /** Image number {@code sequence} of this run, encoded as a baseline JPEG. */
  public byte[] jpeg(long sequence) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      long mixed = Long.rotateLeft(runTag, 17) ^ sequence * 0x9E3779B97F4A7C15L;
      g.setColor(new Color((int) mixed & 0xFFFFFF));
      g.fillRect(0, 0, width, height);
      g.setColor(new Color((int) (mixed >>> 32) & 0xFFFFFF));
      g.fillOval(width / 8, height / 8, width * 3 / 4, height * 3 / 4);
      int block = width / BITS;
      int band = Math.max(8, height / 6);
      drawBits(g, sequence, 0, block, band);
      drawBits(g, runTag, height - band, block, band);
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
    try {
      if (!ImageIO.write(image, "jpeg", out)) {
        throw new IllegalStateException("no JPEG writer in this JDK");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void drawBits(Graphics2D g, long value, int y, int block, int band) {
    for (int bit = 0; bit < BITS; bit++) {
      g.setColor((value >>> bit & 1) == 1 ? Color.WHITE : Color.BLACK);
      g.fillRect(bit * block, y, block, band);
    }
  }
}
