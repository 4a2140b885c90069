package io.imagestore.job.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagestore.job.testing.TestImages;
import io.imagestore.schemas.RejectReason;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way an original can fail, and the reason each one is reported with. */
class ImageRejectsTest {

  private static final ProcessingProfile PROFILE = new ProcessingProfile(
      CropSpec.NONE,
      List.of(RenditionSpec.longEdge("large", 1280, 85), RenditionSpec.longEdge("thumb", 320, 85)));

  @TempDir Path dir;

  private final ImageProcessor processor = new ImageProcessor(ImageLimits.defaults());

  @Test
  void emptyFile() {
    assertRejected("empty.jpg", TestImages.empty(), RejectReason.EMPTY_FILE);
  }

  @Test
  void fileOverTheByteLimit() {
    byte[] jpeg = TestImages.jpeg(200, 200);
    ImageProcessor strict = new ImageProcessor(new ImageLimits(100_000_000, 1000));
    assertRejected(strict, "big.jpg", jpeg, RejectReason.FILE_TOO_LARGE)
        .hasMessageContaining(jpeg.length + " bytes")
        .hasMessageContaining("1000");
  }

  @Test
  void textNamedJpg() {
    assertRejected("photo.jpg", TestImages.textNamedJpg(), RejectReason.NOT_AN_IMAGE);
  }

  @Test
  void webpWithoutADecoder() {
    assertThat(ImageIO.getImageReadersByFormatName("webp").hasNext())
        .as("this test assumes the plain JDK, which has no WebP reader")
        .isFalse();
    assertRejected("photo.webp", TestImages.webp(), RejectReason.UNSUPPORTED_FORMAT)
        .hasMessageContaining("webp");
  }

  @Test
  void bigTiffTheJdkReaderDoesNotRead() {
    byte[] bigTiff = {'I', 'I', 43, 0, 8, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    assertRejected("scan.tif", bigTiff, RejectReason.UNSUPPORTED_FORMAT);
  }

  @Test
  void pngBombIsRefusedFromItsHeader() {
    byte[] bomb = TestImages.pngBomb(30000, 30000);
    assertThat(bomb.length).isLessThan(1024);
    // Decoding would need 2.7 GB (and overflow an int): only the header check stands between
    // this file and an OutOfMemoryError.
    assertRejected("bomb.png", bomb, RejectReason.TOO_MANY_PIXELS)
        .hasMessageContaining("30000x30000")
        .hasMessageContaining("900000000")
        .hasMessageContaining("100000000");
  }

  @Test
  void jpegOverThePixelLimit() {
    ImageProcessor strict = new ImageProcessor(new ImageLimits(1_000_000, 1 << 20));
    assertRejected(strict, "photo.jpg", TestImages.jpeg(1001, 1000), RejectReason.TOO_MANY_PIXELS)
        .hasMessageContaining("1001x1000")
        .hasMessageContaining("1000000");
  }

  @Test
  void jpegCutInItsImageData() {
    assertRejected("cut.jpg", TestImages.truncated(TestImages.jpeg(600, 400)),
        RejectReason.TRUNCATED);
  }

  @Test
  void jpegCutOnlyBelowTheCropIsStillTruncated() throws Exception {
    // The crop needs just the top rows, which are intact — but the original is damaged.
    Path file = TestImages.write(dir, "cut.jpg", TestImages.truncated(TestImages.jpeg(600, 400)));
    ProcessingProfile topLeft = new ProcessingProfile(
        new CropSpec.Rectangle(0, 0, 100, 50), List.of(RenditionSpec.longEdge("t", 64, 80)));
    assertThatThrownBy(() -> processor.process(file, topLeft))
        .isInstanceOfSatisfying(ImageRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(RejectReason.TRUNCATED));
  }

  @Test
  void jpegCutInItsHeaders() {
    byte[] jpeg = TestImages.jpegWithExif(600, 400, TestImages.Exif.camera(1));
    assertRejected("cut.jpg", Arrays.copyOf(jpeg, 120), RejectReason.TRUNCATED);
  }

  @Test
  void jpegWithoutItsEndMarker() {
    byte[] jpeg = TestImages.jpeg(600, 400);
    assertRejected("no-eoi.jpg", Arrays.copyOf(jpeg, jpeg.length - 2), RejectReason.TRUNCATED);
  }

  @Test
  void cmykJpegCut() {
    assertRejected("cut.jpg", TestImages.truncated(TestImages.cmykJpeg(400, 300)),
        RejectReason.TRUNCATED);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"png", "gif", "bmp", "tiff"})
  void otherFormatsCut(String format) {
    assertRejected("cut." + format, TestImages.truncated(TestImages.image(600, 400, format)),
        RejectReason.TRUNCATED);
  }

  @Test
  void pngWithoutIend() {
    assertRejected("no-iend.png", TestImages.withoutIend(TestImages.png(300, 200)),
        RejectReason.TRUNCATED)
        .hasMessageContaining("IEND");
  }

  @Test
  void pngWithoutImageData() {
    byte[] ihdr = ByteBuffer.allocate(13).putInt(10).putInt(10)
        .put(new byte[] {8, 2, 0, 0, 0}).array();
    byte[] png = TestImages.pngOfChunks(List.of("IHDR", "IEND"), List.of(ihdr, new byte[0]));
    assertRejected("no-idat.png", png, RejectReason.TRUNCATED).hasMessageContaining("IDAT");
  }

  @Test
  void jpegWithAnImpossibleFrameHeader() {
    byte[] jpeg = TestImages.jpeg(300, 200);
    int sof = indexOfMarker(jpeg, 0xC0);
    jpeg[sof + 4] = 13; // sample precision: baseline JPEG has 8 bits
    assertRejected("bad.jpg", jpeg, RejectReason.CORRUPT);
  }

  @Test
  void pngWithAnUnknownColourType() {
    byte[] ihdr = ByteBuffer.allocate(13).putInt(10).putInt(10)
        .put(new byte[] {8, 7, 0, 0, 0}).array(); // colour type 7 does not exist
    byte[] png = TestImages.pngOfChunks(
        List.of("IHDR", "IDAT", "IEND"), List.of(ihdr, new byte[] {0x78, 1, 1, 0, 0}, new byte[0]));
    assertRejected("bad.png", png, RejectReason.CORRUPT);
  }

  @Test
  void gifWithAnUnknownBlock() {
    byte[] gif = TestImages.image(60, 40, "gif");
    // After the 13-byte header and the global colour table comes the first block; 0x99 is
    // neither an image (0x2C) nor an extension (0x21). The trailer is intact: not truncated.
    int packed = gif[10] & 0xFF;
    int colourTable = (packed & 0x80) != 0 ? 3 << ((packed & 0x07) + 1) : 0;
    gif[13 + colourTable] = (byte) 0x99;
    assertRejected("bad.gif", gif, RejectReason.CORRUPT);
  }

  @Test
  void cropRectangleOutsideTheImage() throws Exception {
    Path file = TestImages.write(dir, "photo.jpg", TestImages.jpeg(300, 200));
    ProcessingProfile offImage = new ProcessingProfile(
        new CropSpec.Rectangle(400, 0, 100, 100), List.of(RenditionSpec.longEdge("t", 64, 80)));
    assertThatThrownBy(() -> processor.process(file, offImage))
        .isInstanceOfSatisfying(ImageRejectedException.class, e -> {
          assertThat(e.reason()).isEqualTo(RejectReason.PROCESSING_FAILED);
        })
        .hasMessageContaining("300x200");
  }

  @Test
  void aMissingLocalFileIsNoReject() {
    // The job's own temp file vanishing is an environment failure to retry, not bad input.
    assertThatThrownBy(() -> processor.process(dir.resolve("gone.jpg"), PROFILE))
        .isInstanceOf(UncheckedIOException.class);
  }

  @Test
  void everyReasonAboutImageContentHasAnInputThatProducesIt() throws Exception {
    // One input per reason, run here rather than counted from the other tests, so the check
    // holds whichever tests of the class are selected.
    ImageProcessor fewBytes = new ImageProcessor(new ImageLimits(100_000_000, 1000));
    ImageProcessor fewPixels = new ImageProcessor(new ImageLimits(1_000_000, 100_000_000));
    Map<RejectReason, Path> inputs = new EnumMap<>(RejectReason.class);
    inputs.put(RejectReason.EMPTY_FILE, TestImages.write(dir, "empty.jpg", TestImages.empty()));
    inputs.put(RejectReason.FILE_TOO_LARGE, TestImages.write(dir, "big.jpg", TestImages.jpeg(200, 200)));
    inputs.put(RejectReason.NOT_AN_IMAGE, TestImages.write(dir, "text.jpg", TestImages.textNamedJpg()));
    inputs.put(RejectReason.UNSUPPORTED_FORMAT, TestImages.write(dir, "photo.webp", TestImages.webp()));
    inputs.put(RejectReason.TOO_MANY_PIXELS, TestImages.write(dir, "wide.jpg", TestImages.jpeg(1001, 1000)));
    inputs.put(RejectReason.TRUNCATED,
        TestImages.write(dir, "cut.jpg", TestImages.truncated(TestImages.jpeg(200, 100))));
    byte[] corrupt = TestImages.jpeg(300, 200);
    corrupt[indexOfMarker(corrupt, 0xC0) + 4] = 13;
    inputs.put(RejectReason.CORRUPT, TestImages.write(dir, "bad.jpg", corrupt));
    inputs.put(RejectReason.PROCESSING_FAILED, TestImages.write(dir, "small.jpg", TestImages.jpeg(300, 200)));
    ProcessingProfile offImage = new ProcessingProfile(
        new CropSpec.Rectangle(400, 0, 100, 100), List.of(RenditionSpec.longEdge("t", 64, 80)));

    // MALFORMED_EVENT and ORIGINAL_MISSING belong to the job's event handling, not to imaging.
    assertThat(inputs.keySet()).containsExactlyInAnyOrderElementsOf(EnumSet.complementOf(
        EnumSet.of(RejectReason.MALFORMED_EVENT, RejectReason.ORIGINAL_MISSING)));
    inputs.forEach((reason, file) -> {
      ImageProcessor used = reason == RejectReason.FILE_TOO_LARGE ? fewBytes
          : reason == RejectReason.TOO_MANY_PIXELS ? fewPixels : processor;
      ProcessingProfile profile = reason == RejectReason.PROCESSING_FAILED ? offImage : PROFILE;
      assertThatThrownBy(() -> used.process(file, profile)).as(reason.name())
          .isInstanceOfSatisfying(ImageRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    });
  }

  private AbstractThrowableAssert<?, ? extends Throwable> assertRejected(
      String name, byte[] bytes, RejectReason reason) {
    return assertRejected(processor, name, bytes, reason);
  }

  private AbstractThrowableAssert<?, ? extends Throwable> assertRejected(
      ImageProcessor processor, String name, byte[] bytes, RejectReason reason) {
    Path file = TestImages.write(dir, name, bytes);
    return assertThatThrownBy(() -> processor.process(file, PROFILE))
        .isInstanceOfSatisfying(ImageRejectedException.class, e -> {
          assertThat(e.reason()).as("reason, message: %s", e.getMessage()).isEqualTo(reason);
        });
  }

  private static int indexOfMarker(byte[] jpeg, int marker) {
    for (int i = 2; i + 1 < jpeg.length; i++) {
      if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == marker) {
        return i;
      }
    }
    throw new IllegalArgumentException("no marker " + Integer.toHexString(marker));
  }
}
