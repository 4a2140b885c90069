package io.imagestore.job.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagestore.job.testing.Pixels;
import io.imagestore.job.testing.TestImages;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ImageDecoderTest {

  @TempDir Path dir;

  /** A lossless image whose every pixel holds its own coordinates: red+green = x, blue = y. */
  private Path coordinatePng(int width, int height) throws Exception {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, x << 8 | y);
      }
    }
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(image, "png", png);
    return TestImages.write(dir, "coordinates.png", png.toByteArray());
  }

  @ParameterizedTest(name = "region {0},{1} {2}x{3} every {4}")
  @CsvSource({
    "0, 0, 250, 200, 1",
    "0, 0, 250, 200, 3",
    "17, 23, 101, 77, 1",
    "17, 23, 101, 77, 2",
    "17, 23, 101, 77, 4",
    "5, 199, 20, 1, 3",
    "249, 0, 1, 200, 7"
  })
  void decodesExactlyTheRegionOnTheSubsamplingGrid(int x, int y, int w, int h, int factor)
      throws Exception {
    Path file = coordinatePng(250, 200);
    try (ImageDecoder decoder = ImageDecoder.open(file, ImageFormat.PNG)) {
      assertThat(decoder.dimensions()).isEqualTo(new PixelSize(250, 200));

      BufferedImage decoded = decoder.decodeDisplayed(new Rectangle(x, y, w, h), factor, 200, Orientation.NORMAL);

      assertThat(decoded.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
      assertThat(decoded.getWidth()).isEqualTo((w + factor - 1) / factor);
      assertThat(decoded.getHeight()).isEqualTo((h + factor - 1) / factor);
      for (int j = 0; j < decoded.getHeight(); j++) {
        for (int i = 0; i < decoded.getWidth(); i++) {
          int rgb = decoded.getRGB(i, j) & 0xFFFFFF;
          assertThat(new int[] {rgb >> 8, rgb & 0xFF})
              .as("decoded pixel %d,%d", i, j)
              .containsExactly(x + i * factor, y + j * factor);
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Orientation.class)
  void turnsWhileConvertingExactlyAsOrientationSays(Orientation orientation) throws Exception {
    Path file = coordinatePng(250, 200);
    Rectangle region = new Rectangle(17, 23, 101, 77);
    BufferedImage stored;
    BufferedImage turned;
    try (ImageDecoder decoder = ImageDecoder.open(file, ImageFormat.PNG)) {
      turned = decoder.decodeDisplayed(region, 3, 200, orientation);
    }
    try (ImageDecoder decoder = ImageDecoder.open(file, ImageFormat.PNG)) {
      stored = decoder.decodeDisplayed(region, 3, 200, Orientation.NORMAL);
    }
    BufferedImage expected = orientation.apply(stored);

    assertThat(turned.getWidth()).isEqualTo(expected.getWidth());
    assertThat(turned.getHeight()).isEqualTo(expected.getHeight());
    for (int y = 0; y < expected.getHeight(); y++) {
      for (int x = 0; x < expected.getWidth(); x++) {
        assertThat(turned.getRGB(x, y)).as("pixel %d,%d", x, y).isEqualTo(expected.getRGB(x, y));
      }
    }
  }

  @Test
  void subsampledJpegDecodeIsSmallerByTheFactor() throws Exception {
    Path file = TestImages.write(dir, "photo.jpg", TestImages.jpeg(3000, 2000));
    try (ImageDecoder decoder = ImageDecoder.open(file, ImageFormat.JPEG)) {
      BufferedImage decoded = decoder.decodeDisplayed(new Rectangle(0, 0, 3000, 2000), 2, 2000, Orientation.NORMAL);

      assertThat(decoded.getWidth()).isEqualTo(1500);
      assertThat(decoded.getHeight()).isEqualTo(1000);
      Pixels.assertUprightQuadrants(decoded);
    }
  }
}
