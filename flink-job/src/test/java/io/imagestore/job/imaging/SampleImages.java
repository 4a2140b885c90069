package io.imagestore.job.imaging;

import io.imagestore.job.testing.TestImages;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Paints the quick-start sample photos in {@code samples/}: deterministic Java2D scenes, so the
 * repository ships no third-party images. Regenerate with
 * {@code java -cp <flink-job test classpath> io.imagestore.job.imaging.SampleImages samples}.
 */
public final class SampleImages {

  static final int QUALITY = 85;

  /** Camera EXIF of the portrait sample: stored sideways, shown upright (orientation 6). */
  static final TestImages.Exif PORTRAIT_EXIF = new TestImages.Exif(
      6, "Imagestore", "Sample Camera S1", "2025:06:21 05:42:10", "+01:00",
      56.0465, -5.4389, 12.0);

  private SampleImages() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "samples");
    Files.createDirectories(dir);
    for (Map.Entry<String, byte[]> sample : all().entrySet()) {
      Path file = TestImages.write(dir, sample.getKey(), sample.getValue());
      System.out.println(file + " " + Files.size(file) + " bytes");
    }
  }

  /** File name to JPEG bytes, in README order. */
  static Map<String, byte[]> all() {
    Map<String, byte[]> samples = new LinkedHashMap<>();
    samples.put("landscape.jpg", TestImages.encodeJpeg(landscape(1600, 1067), QUALITY));
    samples.put("portrait-exif-orientation-6.jpg",
        TestImages.jpegWithExif(lighthouse(1000, 1500), PORTRAIT_EXIF, QUALITY));
    samples.put("square.jpg", TestImages.encodeJpeg(sunflower(1200), QUALITY));
    samples.put("panorama.jpg", TestImages.encodeJpeg(skyline(1800, 600), QUALITY));
    return samples;
  }

  /** Mountains over a lake at sunset. */
  static BufferedImage landscape(int w, int h) {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = graphics(image);
    int horizon = h * 62 / 100;
    g.setPaint(new GradientPaint(0, 0, new Color(38, 70, 140), 0, horizon,
        new Color(250, 170, 110)));
    g.fillRect(0, 0, w, horizon);
    glow(g, w * 0.68f, horizon - h * 0.08f, h * 0.06f, new Color(255, 236, 170));
    SplittableRandom random = new SplittableRandom(7);
    ridge(g, random, w, horizon, h * 0.30, new Color(112, 96, 140), new Color(150, 120, 150));
    ridge(g, random, w, horizon, h * 0.18, new Color(64, 66, 98), new Color(96, 88, 118));
    // The lake mirrors the sky, darker.
    g.setPaint(new GradientPaint(0, horizon, new Color(200, 130, 100), 0, h,
        new Color(20, 40, 80)));
    g.fillRect(0, horizon, w, h - horizon);
    g.setColor(new Color(255, 230, 170, 90));
    for (int i = 0; i < 40; i++) {
      int y = horizon + 6 + i * (h - horizon) / 45;
      int half = (int) (w * 0.05 * (1 - i / 45.0)) + 4;
      g.fillRect((int) (w * 0.68) - half + random.nextInt(-8, 9), y, 2 * half, 2);
    }
    // Pines on the near shore.
    for (int i = 0; i < 26; i++) {
      double x = i * w / 25.0 + random.nextInt(-20, 21);
      double height = h * (0.10 + random.nextDouble() * 0.12);
      pine(g, x, h * 0.97, height, new Color(18, 38, 30));
    }
    g.dispose();
    grain(image, 2, 11);
    return image;
  }

  /** A lighthouse on a cliff at dawn (portrait). */
  static BufferedImage lighthouse(int w, int h) {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = graphics(image);
    int horizon = h * 58 / 100;
    g.setPaint(new GradientPaint(0, 0, new Color(90, 140, 200), 0, horizon,
        new Color(255, 214, 170)));
    g.fillRect(0, 0, w, horizon);
    g.setPaint(new GradientPaint(0, horizon, new Color(70, 120, 160), 0, h,
        new Color(20, 50, 80)));
    g.fillRect(0, horizon, w, h - horizon);
    SplittableRandom random = new SplittableRandom(3);
    g.setColor(new Color(255, 255, 255, 70));
    for (int i = 0; i < 160; i++) {
      int y = horizon + random.nextInt(h - horizon);
      g.fillRect(random.nextInt(w), y, 10 + random.nextInt(40), 2);
    }
    Path2D cliff = new Path2D.Double();
    cliff.moveTo(w * 0.35, h);
    cliff.curveTo(w * 0.45, h * 0.78, w * 0.50, h * 0.66, w * 0.62, h * 0.64);
    cliff.lineTo(w, h * 0.62);
    cliff.lineTo(w, h);
    cliff.closePath();
    g.setPaint(new GradientPaint(0, (float) (h * 0.62), new Color(96, 110, 70), 0, h,
        new Color(60, 52, 44)));
    g.fill(cliff);
    double base = h * 0.64;
    double top = h * 0.22;
    double cx = w * 0.75;
    Path2D tower = new Path2D.Double();
    tower.moveTo(cx - w * 0.07, base);
    tower.lineTo(cx - w * 0.045, top);
    tower.lineTo(cx + w * 0.045, top);
    tower.lineTo(cx + w * 0.07, base);
    tower.closePath();
    g.setColor(new Color(240, 238, 230));
    g.fill(tower);
    g.setClip(tower);
    g.setColor(new Color(190, 40, 40));
    for (int band = 0; band < 4; band++) {
      double y = top + (base - top) * (0.15 + band * 0.24);
      g.fillRect(0, (int) y, w, (int) ((base - top) * 0.1));
    }
    g.setClip(null);
    g.setColor(new Color(40, 40, 48));
    g.fillRect((int) (cx - w * 0.06), (int) (top - h * 0.015), (int) (w * 0.12), (int) (h * 0.015));
    g.fillRect((int) (cx - w * 0.035), (int) (top - h * 0.07), (int) (w * 0.07), (int) (h * 0.055));
    glow(g, (float) cx, (float) (top - h * 0.045), w * 0.04f, new Color(255, 240, 160));
    g.dispose();
    grain(image, 2, 13);
    return image;
  }

  /** Seeds of a sunflower head on golden-angle spirals (square). */
  static BufferedImage sunflower(int size) {
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = graphics(image);
    g.setPaint(new RadialGradientPaint(size / 2f, size / 2f, size * 0.75f,
        new float[] {0f, 1f}, new Color[] {new Color(120, 170, 90), new Color(30, 70, 40)}));
    g.fillRect(0, 0, size, size);
    double c = size / 2.0;
    for (int i = 0; i < 34; i++) {
      double angle = i * 2 * Math.PI / 34;
      Graphics2D petal = (Graphics2D) g.create();
      petal.translate(c, c);
      petal.rotate(angle);
      petal.setPaint(new GradientPaint(0, 0, new Color(230, 160, 20), size * 0.42f, 0,
          new Color(255, 215, 60)));
      petal.fill(new Ellipse2D.Double(size * 0.18, -size * 0.035, size * 0.27, size * 0.07));
      petal.dispose();
    }
    double golden = Math.PI * (3 - Math.sqrt(5));
    for (int i = 0; i < 1400; i++) {
      double r = size * 0.0058 * Math.sqrt(i);
      double a = i * golden;
      double seed = size * 0.0075 + size * 0.00012 * Math.sqrt(i);
      int shade = 40 + (i * 7) % 50;
      g.setColor(new Color(shade + 40, shade, 20));
      g.fill(new Ellipse2D.Double(c + r * Math.cos(a) - seed, c + r * Math.sin(a) - seed,
          2 * seed, 2 * seed));
    }
    g.dispose();
    grain(image, 2, 17);
    return image;
  }

  /** A city skyline at dusk with lit windows (panorama). */
  static BufferedImage skyline(int w, int h) {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = graphics(image);
    g.setPaint(new GradientPaint(0, 0, new Color(20, 24, 60), 0, h,
        new Color(230, 120, 90)));
    g.fillRect(0, 0, w, h);
    SplittableRandom random = new SplittableRandom(19);
    g.setColor(new Color(255, 255, 230));
    for (int i = 0; i < 120; i++) {
      g.fillRect(random.nextInt(w), random.nextInt(h / 3), 2, 2);
    }
    glow(g, w * 0.15f, h * 0.2f, h * 0.05f, new Color(245, 245, 230));
    for (int layer = 0; layer < 2; layer++) {
      int x = -random.nextInt(40);
      Color wall = layer == 0 ? new Color(50, 44, 70) : new Color(22, 20, 34);
      while (x < w) {
        int bw = 50 + random.nextInt(110);
        int bh = (int) (h * (layer == 0 ? 0.35 : 0.2) + random.nextInt((int) (h * 0.4)));
        int y = h - bh;
        g.setColor(wall);
        g.fillRect(x, y, bw, bh);
        for (int wy = y + 10; wy < h - 12; wy += 16) {
          for (int wx = x + 8; wx < x + bw - 10; wx += 14) {
            if (random.nextInt(100) < (layer == 0 ? 25 : 40)) {
              g.setColor(new Color(255, 210 + random.nextInt(40), 120 + random.nextInt(60)));
              g.fillRect(wx, wy, 6, 8);
            }
          }
        }
        x += bw + random.nextInt(12);
      }
    }
    g.setStroke(new BasicStroke(3f));
    g.setColor(new Color(200, 60, 60));
    g.drawLine((int) (w * 0.6), (int) (h * 0.08), (int) (w * 0.6), (int) (h * 0.4));
    g.dispose();
    grain(image, 2, 23);
    return image;
  }

  private static Graphics2D graphics(BufferedImage image) {
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    return g;
  }

  private static void glow(Graphics2D g, float x, float y, float radius, Color core) {
    Color clear = new Color(core.getRed(), core.getGreen(), core.getBlue(), 0);
    g.setPaint(new RadialGradientPaint(x, y, radius * 4, new float[] {0f, 0.25f, 1f},
        new Color[] {core, new Color(core.getRed(), core.getGreen(), core.getBlue(), 120), clear}));
    g.fill(new Ellipse2D.Float(x - radius * 4, y - radius * 4, radius * 8, radius * 8));
    g.setColor(core);
    g.fill(new Ellipse2D.Float(x - radius, y - radius, radius * 2, radius * 2));
  }

  private static void ridge(Graphics2D g, SplittableRandom random, int w, int base,
      double height, Color peak, Color foot) {
    Path2D path = new Path2D.Double();
    path.moveTo(0, base);
    double y = base - height * 0.5;
    for (int x = 0; x <= w; x += w / 24) {
      y = Math.max(base - height, Math.min(base - height * 0.2,
          y + random.nextDouble(-height * 0.3, height * 0.3)));
      path.lineTo(x, y);
    }
    path.lineTo(w, base);
    path.closePath();
    g.setPaint(new GradientPaint(0, (float) (base - height), peak, 0, base, foot));
    g.fill(path);
  }

  private static void pine(Graphics2D g, double x, double ground, double height, Color colour) {
    g.setColor(colour);
    for (int tier = 0; tier < 4; tier++) {
      double top = ground - height + tier * height * 0.2;
      double halfWidth = height * (0.12 + tier * 0.05);
      Path2D tri = new Path2D.Double();
      tri.moveTo(x, top);
      tri.lineTo(x - halfWidth, top + height * 0.35);
      tri.lineTo(x + halfWidth, top + height * 0.35);
      tri.closePath();
      g.fill(tri);
    }
  }

  /** Film-like grain, so the samples compress and scale like photos rather than flat art. */
  private static void grain(BufferedImage image, int amplitude, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int w = image.getWidth();
    int[] row = new int[w];
    for (int y = 0; y < image.getHeight(); y++) {
      image.getRGB(0, y, w, 1, row, 0, w);
      for (int x = 0; x < w; x++) {
        int n = random.nextInt(-amplitude, amplitude + 1);
        int rgb = row[x];
        row[x] = clamp((rgb >> 16 & 0xFF) + n) << 16 | clamp((rgb >> 8 & 0xFF) + n) << 8
            | clamp((rgb & 0xFF) + n);
      }
      image.setRGB(0, y, w, 1, row, 0, w);
    }
  }

  private static int clamp(int value) {
    return Math.max(0, Math.min(255, value));
  }
}
