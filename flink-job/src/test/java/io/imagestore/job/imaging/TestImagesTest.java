package io.imagestore.job.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagestore.job.testing.Pixels;
import io.imagestore.job.testing.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import net.coobird.thumbnailator.Thumbnails;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The generator's own claims, checked against independent readers. */
class TestImagesTest {

  @TempDir Path dir;

  @ParameterizedTest(name = "orientation {0}")
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
  void orientedJpegsLookUprightToAnIndependentReader(int orientation) throws Exception {
    // thumbnailator applies EXIF orientation itself when it reads a file: a second opinion on
    // both the generator and the job's orientation code.
    Path file = TestImages.write(dir, "o.jpg", TestImages.jpegWithOrientation(300, 200, orientation));

    BufferedImage upright = Thumbnails.of(file.toFile()).scale(1.0).asBufferedImage();
    BufferedImage stored = ImageIO.read(file.toFile());

    assertThat(upright.getWidth()).isEqualTo(300);
    assertThat(upright.getHeight()).isEqualTo(200);
    assertThat(stored.getWidth()).isEqualTo(orientation >= 5 ? 200 : 300);
    Pixels.assertUprightQuadrants(upright);
  }

  @Test
  void pngBombClaimsItsSizeInASmallFile() throws Exception {
    byte[] bomb = TestImages.pngBomb(30000, 30000);
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bomb))) {
      ImageReader reader = ImageIO.getImageReaders(in).next();
      reader.setInput(in);
      assertThat(reader.getWidth(0)).isEqualTo(30000);
      assertThat(reader.getHeight(0)).isEqualTo(30000);
      reader.dispose();
    }
    assertThat(bomb.length).isLessThan(1024);
  }

  @Test
  void truncatedJpegKeepsItsHeadersAndLosesHalfItsData() {
    byte[] jpeg = TestImages.jpeg(200, 100);
    byte[] cut = TestImages.truncated(jpeg);
    assertThat(cut.length).isBetween(jpeg.length / 3, jpeg.length - 100);
    assertThat(TestImages.decode(cut).getWidth()).isEqualTo(200); // headers intact
  }
}
