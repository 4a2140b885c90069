package io.imagestore.bridge.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagestore.bridge.upload.ContainerEnd.Verdict;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real encoder output, cut at every kind of place, fed in chunks of every size. */
class ContainerEndTest {

  @ParameterizedTest
  @ValueSource(strings = {"jpeg", "png"})
  void aWholeImageIsCompleteAndEveryCutOneIsCut(String format) throws IOException {
    byte[] image = encode(format);
    assertThat(verdict(image, 1)).isEqualTo(Verdict.COMPLETE);
    assertThat(verdict(image, 4096)).isEqualTo(Verdict.COMPLETE);
    for (int cut = 8; cut < image.length; cut += Math.max(1, image.length / 300)) {
      assertThat(verdict(Arrays.copyOf(image, cut), 1000)).as("cut at %d of %d", cut, image.length)
          .isEqualTo(Verdict.CUT);
    }
    assertThat(verdict(Arrays.copyOf(image, image.length - 1), 7)).isEqualTo(Verdict.CUT);
  }

  @Test
  void aJpegCutRightAfterItsExifThumbnailIsStillCut() {
    // APP1 holding a complete thumbnail (its own SOI ... EOI), then the main image's scan.
    byte[] thumbnail = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9};
    byte[] head = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE1, 0, (byte) (2 + thumbnail.length)};
    byte[] cut = concat(head, thumbnail);
    assertThat(verdict(cut, 3)).isEqualTo(Verdict.CUT);
    byte[] scan = {(byte) 0xFF, (byte) 0xDA, 0, 2, 1, 2, (byte) 0xFF, 0, (byte) 0xFF, (byte) 0xD3, 4,
        (byte) 0xFF, (byte) 0xD9};
    assertThat(verdict(concat(cut, scan), 1)).isEqualTo(Verdict.COMPLETE);
  }

  @Test
  void bytesOfNoKnownContainerAreUnrecognized() {
    assertThat(verdict(new byte[0], 1)).isEqualTo(Verdict.UNRECOGNIZED);
    assertThat(verdict("GIF89a...".getBytes(), 2)).isEqualTo(Verdict.UNRECOGNIZED);
    byte[] random = new byte[100_000];
    new Random(3).nextBytes(random);
    random[0] = 0x12;
    assertThat(verdict(random, 8192)).isEqualTo(Verdict.UNRECOGNIZED);
    // Starts like a JPEG, then is none: the job decides.
    assertThat(verdict(new byte[] {(byte) 0xFF, (byte) 0xD8, 0x00, 0x11}, 1)).isEqualTo(Verdict.UNRECOGNIZED);
    assertThat(verdict(new byte[] {(byte) 0x89, 'P', 'X'}, 1)).isEqualTo(Verdict.UNRECOGNIZED);
  }

  private static Verdict verdict(byte[] bytes, int chunk) {
    ContainerEnd end = new ContainerEnd();
    for (int off = 0; off < bytes.length; off += chunk) {
      end.update(bytes, off, Math.min(chunk, bytes.length - off));
    }
    return end.verdict();
  }

  private static byte[] encode(String format) throws IOException {
    BufferedImage image = new BufferedImage(320, 200, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(7);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        image.setRGB(x, y, (x * 255 / 320) << 16 | (y * 255 / 200) << 8 | random.nextInt(64));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(ImageIO.write(image, format, out)).isTrue();
    return out.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
