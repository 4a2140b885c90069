package io.imagestore.job.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagestore.job.testing.TestImages;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JpegHeaderTest {

  @TempDir Path dir;

  private JpegHeader read(byte[] jpeg) throws Exception {
    return JpegHeader.read(TestImages.write(dir, "x.jpg", jpeg));
  }

  @Test
  void colourAndGreyFrames() throws Exception {
    assertThat(read(TestImages.jpeg(32, 32)))
        .isEqualTo(new JpegHeader(3, JpegHeader.NO_ADOBE_SEGMENT, true, false));
    assertThat(read(TestImages.grayJpeg(32, 32)))
        .isEqualTo(new JpegHeader(1, JpegHeader.NO_ADOBE_SEGMENT, true, false));
  }

  @Test
  void fourComponentFramesAndTheirAdobeTransform() throws Exception {
    assertThat(read(TestImages.cmykJpeg(32, 32)))
        .isEqualTo(new JpegHeader(4, 0, true, false));
    assertThat(read(TestImages.ycckJpeg(32, 32)))
        .isEqualTo(new JpegHeader(4, JpegHeader.ADOBE_YCCK, true, false));
    assertThat(read(TestImages.plainCmykJpeg(32, 32)))
        .isEqualTo(new JpegHeader(4, JpegHeader.NO_ADOBE_SEGMENT, true, false));
  }

  @Test
  void skipsExifSegments() throws Exception {
    assertThat(read(TestImages.jpegWithExif(32, 32, TestImages.Exif.camera(6))))
        .isEqualTo(new JpegHeader(3, JpegHeader.NO_ADOBE_SEGMENT, true, false));
  }

  @Test
  void endingInsideTheHeaders() throws Exception {
    byte[] jpeg = TestImages.jpeg(32, 32);
    JpegHeader header = read(Arrays.copyOf(jpeg, 40));
    assertThat(header.endedEarly()).isTrue();
    assertThat(header.reachedScan()).isFalse();
  }
}
