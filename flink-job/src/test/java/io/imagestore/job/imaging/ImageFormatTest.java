package io.imagestore.job.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagestore.job.testing.TestImages;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ImageFormatTest {

  @Test
  void detectsEveryFormatFromItsSignature() {
    assertThat(ImageFormat.detect(TestImages.jpeg(8, 8))).contains(ImageFormat.JPEG);
    assertThat(ImageFormat.detect(TestImages.png(8, 8))).contains(ImageFormat.PNG);
    assertThat(ImageFormat.detect(TestImages.image(8, 8, "gif"))).contains(ImageFormat.GIF);
    assertThat(ImageFormat.detect(TestImages.image(8, 8, "bmp"))).contains(ImageFormat.BMP);
    assertThat(ImageFormat.detect(TestImages.image(8, 8, "tiff"))).contains(ImageFormat.TIFF);
    assertThat(ImageFormat.detect(TestImages.webp())).contains(ImageFormat.WEBP);
  }

  @Test
  void detectsBothTiffByteOrders() {
    assertThat(ImageFormat.detect(new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0}))
        .contains(ImageFormat.TIFF);
    assertThat(ImageFormat.detect(new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8}))
        .contains(ImageFormat.TIFF);
  }

  @Test
  void textIsNoImage() {
    assertThat(ImageFormat.detect(TestImages.textNamedJpg())).isEmpty();
    assertThat(ImageFormat.detect(TestImages.empty())).isEmpty();
    // Starts like a BMP ("BM") but is a sentence: the reserved header words are not zero.
    assertThat(ImageFormat.detect("BMW drivers wave at each other".getBytes())).isEmpty();
    // RIFF but not WebP (a WAV file).
    assertThat(ImageFormat.detect("RIFF\0\0\0\0WAVEfmt ".getBytes())).isEmpty();
  }

  @Test
  void shortPrefixesOfSignaturesAreNotImages() {
    byte[] png = TestImages.png(8, 8);
    assertThat(ImageFormat.detect(Arrays.copyOf(png, 7))).isEmpty();
    assertThat(ImageFormat.detect(Arrays.copyOf(png, 8))).contains(ImageFormat.PNG);
    assertThat(ImageFormat.detect(new byte[] {(byte) 0xFF, (byte) 0xD8})).isEmpty();
  }

  @Test
  void contractNamesAreTheSchemaEnum() {
    // image-metadata.v1.schema.json: original.format enum
    assertThat(Arrays.stream(ImageFormat.values()).map(ImageFormat::contractName))
        .containsExactly("jpeg", "png", "gif", "bmp", "webp", "tiff");
  }
}
