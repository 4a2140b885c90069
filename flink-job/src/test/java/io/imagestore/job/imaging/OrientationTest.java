package io.imagestore.job.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OrientationTest {

  /**
   * Stored 3 x 2:
   * <pre>
   *   1 2 3
   *   4 5 6
   * </pre>
   */
  private static BufferedImage stored() {
    return image(3, 2, 1, 2, 3, 4, 5, 6);
  }

  @Test
  void readsTheExifTag() {
    assertThat(Orientation.fromExif(6)).isEqualTo(Orientation.ROTATE_90_CW);
    assertThat(Orientation.fromExif(8)).isEqualTo(Orientation.ROTATE_90_CCW);
    assertThat(Orientation.fromExif(null)).isEqualTo(Orientation.NORMAL);
    assertThat(Orientation.fromExif(0)).isEqualTo(Orientation.NORMAL);
    assertThat(Orientation.fromExif(9)).isEqualTo(Orientation.NORMAL);
    for (Orientation o : Orientation.values()) {
      assertThat(Orientation.fromExif(o.tag())).isSameAs(o);
    }
  }

  @Test
  void everyOrientationArrangesThePixelsAsTheExifSpecificationSays() {
    assertThat(pixels(Orientation.NORMAL.apply(stored()))).isEqualTo(new int[][] {
        {1, 2, 3}, {4, 5, 6}});
    // 2: row 0 at the top, column 0 on the right
    assertThat(pixels(Orientation.MIRROR_HORIZONTAL.apply(stored()))).isEqualTo(new int[][] {
        {3, 2, 1}, {6, 5, 4}});
    // 3: row 0 at the bottom, column 0 on the right
    assertThat(pixels(Orientation.ROTATE_180.apply(stored()))).isEqualTo(new int[][] {
        {6, 5, 4}, {3, 2, 1}});
    // 4: row 0 at the bottom, column 0 on the left
    assertThat(pixels(Orientation.MIRROR_VERTICAL.apply(stored()))).isEqualTo(new int[][] {
        {4, 5, 6}, {1, 2, 3}});
    // 5: row 0 on the left, column 0 at the top
    assertThat(pixels(Orientation.TRANSPOSE.apply(stored()))).isEqualTo(new int[][] {
        {1, 4}, {2, 5}, {3, 6}});
    // 6: row 0 on the right, column 0 at the top
    assertThat(pixels(Orientation.ROTATE_90_CW.apply(stored()))).isEqualTo(new int[][] {
        {4, 1}, {5, 2}, {6, 3}});
    // 7: row 0 on the right, column 0 at the bottom
    assertThat(pixels(Orientation.TRANSVERSE.apply(stored()))).isEqualTo(new int[][] {
        {6, 3}, {5, 2}, {4, 1}});
    // 8: row 0 on the left, column 0 at the bottom
    assertThat(pixels(Orientation.ROTATE_90_CCW.apply(stored()))).isEqualTo(new int[][] {
        {3, 6}, {2, 5}, {1, 4}});
  }

  @Test
  void rotationsAgreeWithJava2d() {
    BufferedImage source = randomImage(7, 5, 1);
    assertThat(pixels(Orientation.ROTATE_90_CW.apply(source)))
        .isEqualTo(pixels(java2dRotate(source, Math.PI / 2)));
    assertThat(pixels(Orientation.ROTATE_90_CCW.apply(source)))
        .isEqualTo(pixels(java2dRotate(source, -Math.PI / 2)));
    assertThat(pixels(Orientation.ROTATE_180.apply(source)))
        .isEqualTo(pixels(java2dRotate(source, Math.PI)));
  }

  @Test
  void displaySizeSwapsForQuarterTurns() {
    PixelSize encoded = new PixelSize(6000, 4000);
    assertThat(Orientation.MIRROR_VERTICAL.displaySize(encoded)).isEqualTo(encoded);
    assertThat(Orientation.TRANSPOSE.displaySize(encoded)).isEqualTo(new PixelSize(4000, 6000));
    assertThat(Orientation.ROTATE_90_CW.displaySize(encoded)).isEqualTo(new PixelSize(4000, 6000));
  }

  @ParameterizedTest
  @EnumSource(Orientation.class)
  void decodingTheEncodedRegionThenOrientingEqualsCroppingTheDisplayedImage(Orientation o) {
    BufferedImage encoded = randomImage(13, 8, o.tag());
    PixelSize encodedSize = new PixelSize(13, 8);
    BufferedImage displayed = o.apply(copy(encoded));
    SplittableRandom random = new SplittableRandom(o.tag());
    for (int i = 0; i < 50; i++) {
      int x = random.nextInt(displayed.getWidth());
      int y = random.nextInt(displayed.getHeight());
      int w = 1 + random.nextInt(displayed.getWidth() - x);
      int h = 1 + random.nextInt(displayed.getHeight() - y);
      Rectangle region = o.toEncoded(new Rectangle(x, y, w, h), encodedSize);

      assertThat(region.width * region.height).isEqualTo(w * h);
      BufferedImage viaEncoded = o.apply(copy(
          encoded.getSubimage(region.x, region.y, region.width, region.height)));
      assertThat(pixels(viaEncoded))
          .as("%s crop %d,%d %dx%d", o, x, y, w, h)
          .isEqualTo(pixels(displayed.getSubimage(x, y, w, h)));
    }
  }

  private static BufferedImage java2dRotate(BufferedImage source, double theta) {
    boolean quarter = Math.abs(Math.abs(theta) - Math.PI / 2) < 1e-9;
    int w = quarter ? source.getHeight() : source.getWidth();
    int h = quarter ? source.getWidth() : source.getHeight();
    AffineTransform t = new AffineTransform();
    t.translate(w / 2.0, h / 2.0);
    t.rotate(theta);
    t.translate(-source.getWidth() / 2.0, -source.getHeight() / 2.0);
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    new AffineTransformOp(t, AffineTransformOp.TYPE_NEAREST_NEIGHBOR).filter(source, out);
    return out;
  }

  private static BufferedImage image(int w, int h, int... values) {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    image.setRGB(0, 0, w, h, values, 0, w);
    return image;
  }

  private static BufferedImage randomImage(int w, int h, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] values = new int[w * h];
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextInt(1 << 24);
    }
    return image(w, h, values);
  }

  private static BufferedImage copy(BufferedImage image) {
    BufferedImage copy =
        new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    copy.getGraphics().drawImage(image, 0, 0, null);
    return copy;
  }

  private static int[][] pixels(BufferedImage image) {
    int[][] rows = new int[image.getHeight()][image.getWidth()];
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        rows[y][x] = image.getRGB(x, y) & 0xFFFFFF;
      }
    }
    return rows;
  }
}
