package io.imagestore.job.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagestore.job.testing.TestImages;
import io.imagestore.schemas.RejectReason;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PNG whose zTXt chunk inflates to 4 GiB: harmless pixels behind a chunk that metadata readers
 * inflate whole. Neither the decoder nor the EXIF reader may touch that chunk.
 */
class PngTextBombTest {

  private static final ProcessingProfile PROFILE = new ProcessingProfile(
      CropSpec.NONE, List.of(RenditionSpec.longEdge("thumb", 64, 85)));

  @TempDir Path dir;

  @Test
  void theBombInflatesToGibibytes() throws Exception {
    byte[] bomb = TestImages.pngTextBomb(200, 100, 4 << 20);
    assertThat(bomb.length).isBetween(3 << 20, 5 << 20);
    int start = indexOf(bomb, "zTXt") + 4 + "Comment".length() + 2;
    long inflated = 0;
    try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(bomb, start, bomb.length - start))) {
      byte[] buffer = new byte[1 << 20];
      for (int n; inflated <= (3L << 30) && (n = in.read(buffer)) > 0; ) {
        inflated += n;
      }
    }
    assertThat(inflated).as("bytes the text chunk inflates to").isGreaterThan(3L << 30);
  }

  @Test
  void theImageIsProcessedWithoutReadingTheTextChunk() throws Exception {
    Path file = TestImages.write(dir, "bomb.png", TestImages.pngTextBomb(200, 100, 4 << 20));
    // The test JVM's heap (2 GiB) is smaller than what the chunk inflates to: a reader that
    // inflated it would fail with OutOfMemoryError here.
    ProcessedImage image = new ImageProcessor(ImageLimits.defaults()).process(file, PROFILE);
    assertThat(image.format()).isEqualTo(ImageFormat.PNG);
    assertThat(image.width()).isEqualTo(200);
    assertThat(image.renditions()).singleElement().satisfies(r -> assertThat(r.width()).isEqualTo(64));
  }

  @Test
  void aDecodeOverTheBudgetIsRefusedBeforeDecoding() {
    Path file = TestImages.write(dir, "wide.png", TestImages.png(400, 300));
    ImageProcessor tight = new ImageProcessor(new ImageLimits(100_000_000L, 1L << 30, 100_000));
    assertThatThrownBy(() -> tight.process(file, new ProcessingProfile(
        CropSpec.NONE, List.of(RenditionSpec.longEdge("full", 400, 85)))))
        .isInstanceOfSatisfying(ImageRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(RejectReason.TOO_MANY_PIXELS))
        .hasMessageContaining("decode budget of 100000");
  }

  private static int indexOf(byte[] bytes, String ascii) {
    outer:
    for (int i = 0; i + ascii.length() <= bytes.length; i++) {
      for (int j = 0; j < ascii.length(); j++) {
        if (bytes[i + j] != ascii.charAt(j)) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalArgumentException("no " + ascii);
  }
}
