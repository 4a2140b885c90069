package io.imagestore.job.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.imagestore.job.testing.Pixels;
import io.imagestore.job.testing.TestImages;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The quick-start images in the repository's {@code samples/} folder. */
class SamplesTest {

  private static final ProcessingProfile STANDARD = new ProcessingProfile(CropSpec.NONE, List.of(
      RenditionSpec.longEdge("large", 1280, 85), RenditionSpec.longEdge("thumb", 320, 85)));

  private final ImageProcessor processor = new ImageProcessor(ImageLimits.defaults());

  /** Tests run in the module directory; the samples sit beside it at the repository root. */
  private static Path samples() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("samples/README.md"))) {
        return dir.resolve("samples");
      }
    }
    throw new AssertionError("no samples/README.md above " + Path.of("").toAbsolutePath());
  }

  @Test
  void everySampleIsSmallAndProcesses() throws Exception {
    Map<String, int[]> expected = Map.of(
        "landscape.jpg", new int[] {1600, 1067, 1280, 854},
        "portrait-exif-orientation-6.jpg", new int[] {1500, 1000, 853, 1280},
        "square.jpg", new int[] {1200, 1200, 1200, 1200}, // never upscaled
        "panorama.jpg", new int[] {1800, 600, 1280, 427});
    String readme = Files.readString(samples().resolve("README.md"));
    for (Map.Entry<String, int[]> sample : expected.entrySet()) {
      Path file = samples().resolve(sample.getKey());
      int[] size = sample.getValue();

      assertThat(Files.size(file)).as(sample.getKey()).isLessThan(200 * 1024);
      assertThat(readme).contains("`" + sample.getKey() + "`");
      ProcessedImage result = processor.process(file, STANDARD);
      assertThat(new int[] {result.width(), result.height()}).as(sample.getKey())
          .containsExactly(size[0], size[1]);
      assertThat(new int[] {result.renditions().get(0).width(), result.renditions().get(0).height()})
          .as(sample.getKey() + " large")
          .containsExactly(size[2], size[3]);
    }
  }

  @Test
  void portraitIsStoredSidewaysWithCameraExif() throws Exception {
    ProcessedImage result =
        processor.process(samples().resolve("portrait-exif-orientation-6.jpg"), STANDARD);

    ExifData exif = result.exif();
    assertThat(exif.orientation()).isEqualTo(6);
    assertThat(exif.make()).isEqualTo("Imagestore");
    assertThat(exif.model()).isEqualTo("Sample Camera S1");
    assertThat(exif.captureTime()).isEqualTo("2025-06-21T05:42:10+01:00");
    assertThat(exif.latitude()).isCloseTo(56.0465, within(1e-6));
    assertThat(exif.longitude()).isCloseTo(-5.4389, within(1e-6));
    assertThat(exif.altitude()).isEqualTo(12.0);
    // Upright: sky at the top, sea at the bottom left, cliff at the bottom right.
    BufferedImage thumb = TestImages.decode(result.renditions().get(1).jpeg());
    assertThat(Pixels.meanAt(thumb, 0.2, 0.05).getBlue()).isGreaterThan(170);
    Pixels.assertColour(thumb, 0.05, 0.9, new Color(30, 65, 100));
    assertThat(Pixels.meanAt(thumb, 0.9, 0.9).getBlue()).isLessThan(90);
  }

  @Test
  void samplesAreWhatTheGeneratorPaints() throws Exception {
    // The README says the project made them: the committed files must match the generator
    // (pixel-wise; encoders may differ in bytes).
    for (Map.Entry<String, byte[]> generated : SampleImages.all().entrySet()) {
      BufferedImage committed =
          TestImages.decode(Files.readAllBytes(samples().resolve(generated.getKey())));
      BufferedImage painted = TestImages.decode(generated.getValue());
      assertThat(committed.getWidth()).isEqualTo(painted.getWidth());
      assertThat(committed.getHeight()).isEqualTo(painted.getHeight());
      assertThat(meanAbsoluteDifference(committed, painted)).as(generated.getKey())
          .isLessThan(2.0);
    }
  }

  private static double meanAbsoluteDifference(BufferedImage a, BufferedImage b) {
    long sum = 0;
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        int p = a.getRGB(x, y);
        int q = b.getRGB(x, y);
        for (int shift = 0; shift < 24; shift += 8) {
          sum += Math.abs((p >> shift & 0xFF) - (q >> shift & 0xFF));
        }
      }
    }
    return sum / (3.0 * a.getWidth() * a.getHeight());
  }
}
