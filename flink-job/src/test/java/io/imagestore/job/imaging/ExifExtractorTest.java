package io.imagestore.job.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.imagestore.job.testing.TestImages;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExifExtractorTest {

  @TempDir Path dir;

  @Test
  void captureTimeIsIsoLocalTime() {
    assertThat(ExifExtractor.captureTime("2024:05:01 14:03:07", null, null))
        .isEqualTo("2024-05-01T14:03:07");
    // seconds are kept even when zero
    assertThat(ExifExtractor.captureTime("2024:05:01 00:00:00", null, null))
        .isEqualTo("2024-05-01T00:00:00");
  }

  @Test
  void captureTimeWithFractionAndOffset() {
    assertThat(ExifExtractor.captureTime("2024:05:01 14:03:07", "25", "+02:00"))
        .isEqualTo("2024-05-01T14:03:07.25+02:00");
    assertThat(ExifExtractor.captureTime("2024:05:01 14:03:07", "5", "-05:30"))
        .isEqualTo("2024-05-01T14:03:07.5-05:30");
    assertThat(ExifExtractor.captureTime("2024:05:01 14:03:07", null, "+00:00"))
        .isEqualTo("2024-05-01T14:03:07Z");
  }

  @Test
  void unsetOrBrokenClocksGiveNoCaptureTime() {
    assertThat(ExifExtractor.captureTime("0000:00:00 00:00:00", null, null)).isNull();
    assertThat(ExifExtractor.captureTime("    :  :     :  :  ", null, null)).isNull();
    assertThat(ExifExtractor.captureTime("2024:13:01 10:00:00", null, null)).isNull();
    assertThat(ExifExtractor.captureTime("yesterday", null, null)).isNull();
    // a broken offset or fraction leaves the local time
    assertThat(ExifExtractor.captureTime("2024:05:01 14:03:07", "ab", "+99:99"))
        .isEqualTo("2024-05-01T14:03:07");
  }

  @Test
  void readsTheCameraFields() {
    Path file = TestImages.write(dir, "camera.jpg",
        TestImages.jpegWithExif(64, 48, TestImages.Exif.camera(3)));

    ExifData exif = ExifExtractor.read(file, ImageFormat.JPEG);

    assertThat(exif.captureTime()).isEqualTo("2024-05-01T14:03:07+02:00");
    assertThat(exif.make()).isEqualTo("Imagestore");
    assertThat(exif.model()).isEqualTo("Test Camera 1");
    assertThat(exif.orientation()).isEqualTo(3);
    assertThat(exif.hasPosition()).isTrue();
    assertThat(exif.latitude()).isCloseTo(46.5191, within(1e-6));
    assertThat(exif.longitude()).isCloseTo(6.6323, within(1e-6));
    assertThat(exif.altitude()).isEqualTo(372.5);
  }

  @Test
  void southWestAndBelowSeaLevelAreNegative() {
    TestImages.Exif deadSea = new TestImages.Exif(
        null, null, null, null, null, -31.5, -35.25, -430.5);
    Path file = TestImages.write(dir, "low.jpg", TestImages.jpegWithExif(64, 48, deadSea));

    ExifData exif = ExifExtractor.read(file, ImageFormat.JPEG);

    assertThat(exif.latitude()).isCloseTo(-31.5, within(1e-6));
    assertThat(exif.longitude()).isCloseTo(-35.25, within(1e-6));
    assertThat(exif.altitude()).isEqualTo(-430.5);
    assertThat(exif.orientation()).isNull();
    assertThat(exif.make()).isNull();
    assertThat(exif.captureTime()).isNull();
  }

  @Test
  void positionWithoutAltitude() {
    TestImages.Exif flat = new TestImages.Exif(1, null, null, null, null, 10.0, 20.0, null);
    Path file = TestImages.write(dir, "flat.jpg", TestImages.jpegWithExif(64, 48, flat));

    ExifData exif = ExifExtractor.read(file, ImageFormat.JPEG);

    assertThat(exif.latitude()).isCloseTo(10.0, within(1e-6));
    assertThat(exif.altitude()).isNull();
  }

  @Test
  void invalidOrientationIsLeftOut() {
    Path file = TestImages.write(dir, "o9.jpg",
        TestImages.withExif(TestImages.jpeg(64, 48), TestImages.Exif.orientation(9)));

    assertThat(ExifExtractor.read(file, ImageFormat.JPEG).orientation()).isNull();
  }

  @Test
  void filesWithoutExif() {
    assertThat(ExifExtractor.read(
            TestImages.write(dir, "plain.jpg", TestImages.jpeg(64, 48)), ImageFormat.JPEG))
        .isEqualTo(ExifData.NONE);
    assertThat(ExifExtractor.read(
            TestImages.write(dir, "plain.png", TestImages.png(64, 48)), ImageFormat.PNG))
        .isEqualTo(ExifData.NONE);
    assertThat(ExifExtractor.read(
            TestImages.write(dir, "plain.tif", TestImages.image(64, 48, "tiff")),
            ImageFormat.TIFF).orientation())
        .isNull();
  }
}
