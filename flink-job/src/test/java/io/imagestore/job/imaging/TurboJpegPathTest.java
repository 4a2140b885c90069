package io.imagestore.job.imaging;

import static io.imagestore.job.testing.Pixels.assertUprightQuadrants;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.imagestore.job.imaging.bench.Psnr;
import io.imagestore.job.testing.TestImages;
import io.imagestore.schemas.RejectReason;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The native path against the pure-Java one: the same rendition sizes, nearly the same pixels,
 * the same rejects. CI installs libturbojpeg0; without it these tests are skipped (and every
 * other imaging test covers the pure-Java path).
 */
class TurboJpegPathTest {

  private static final ProcessingProfile STANDARD = new ProcessingProfile(CropSpec.NONE, List.of(
      RenditionSpec.longEdge("large", 1280, 85), RenditionSpec.longEdge("thumb", 320, 85)));

  @TempDir Path dir;

  private static ImageProcessor withTurboJpeg;
  private static final ImageProcessor PURE_JAVA =
      new ImageProcessor(ImageLimits.defaults(), Optional.empty());

  @BeforeAll
  static void loadTheLibrary() {
    Optional<TurboJpegLibrary> library = TurboJpegAvailability.library();
    assumeTrue(library.isPresent(), "libturbojpeg is not installed");
    withTurboJpeg = new ImageProcessor(ImageLimits.defaults(), library);
  }

  @Test
  void theDefaultProcessorUsesTheInstalledLibrary() {
    assertThat(new ImageProcessor(ImageLimits.defaults()).usesTurboJpeg()).isTrue();
    assertThat(PURE_JAVA.usesTurboJpeg()).isFalse();
  }

  @ParameterizedTest(name = "orientation {0}")
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
  void bothPathsMakeTheSameRenditions(int orientation) throws Exception {
    Path file = TestImages.write(dir, "o.jpg",
        TestImages.jpegWithOrientation(4000, 2667, orientation));

    assertSameRenditions(file, STANDARD);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"aspect", "rectangle", "box"})
  void bothPathsCropAlike(String kind) throws Exception {
    Path file = TestImages.write(dir, "o.jpg", TestImages.jpegWithOrientation(3001, 1999, 6));
    ProcessingProfile profile = switch (kind) {
      case "aspect" -> new ProcessingProfile(new CropSpec.Aspect(16, 9), STANDARD.renditions());
      case "rectangle" -> new ProcessingProfile(
          new CropSpec.Rectangle(1000, 333, 1700, 1111), STANDARD.renditions());
      default -> new ProcessingProfile(CropSpec.NONE,
          List.of(RenditionSpec.box("card", 400, 300, 80), RenditionSpec.longEdge("t", 64, 80)));
    };

    assertSameRenditions(file, profile);
  }

  @Test
  void progressiveAndGreyJpegsDecodeNatively() throws Exception {
    assertSameRenditions(TestImages.write(dir, "p.jpg", TestImages.progressiveJpeg(2000, 1500)),
        STANDARD, false);
    assertSameRenditions(TestImages.write(dir, "g.jpg", TestImages.grayJpeg(2048, 256)),
        STANDARD, false);
  }

  @Test
  void aTruncatedJpegIsRejectedAsTruncated() {
    Path file = TestImages.write(dir, "cut.jpg", TestImages.truncated(TestImages.jpeg(2400, 1600)));

    assertThatThrownBy(() -> withTurboJpeg.process(file, STANDARD))
        .isInstanceOfSatisfying(ImageRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(RejectReason.TRUNCATED));
  }

  @Test
  void aHugeDecodeDoesNotStayPinnedInNativeMemory() throws Exception {
    // 4000 x 3000 decoded whole for a full-size rendition: 36 MB of RGB, over what is retained.
    Path file = TestImages.write(dir, "big.jpg", TestImages.jpeg(4000, 3000));
    ProcessingProfile full = new ProcessingProfile(CropSpec.NONE,
        List.of(RenditionSpec.longEdge("full", 4000, 85)));
    try (TurboJpegCodec codec = new TurboJpegCodec(TurboJpegAvailability.library().orElseThrow())) {
      codec.load(file);
      codec.decode(4000, 3000);
      assertThat(codec.nativeBytes()).isGreaterThan(36_000_000L);

      codec.trim();

      assertThat(codec.nativeBytes()).isLessThanOrEqualTo(4 * TurboJpegCodec.RETAINED_BYTES);
    }
    assertThat(withTurboJpeg.process(file, full).renditions().get(0).width()).isEqualTo(4000);
  }

  @Test
  void anIccProfileIsAppliedToTheRenditions() throws Exception {
    // Tagged linear RGB: shown as sRGB its mid-tones are much brighter than the samples say.
    byte[] profile = ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData();
    Path file = TestImages.write(dir, "linear.jpg",
        withApp2IccProfile(TestImages.jpeg(2400, 1600), profile));
    assertThat(JpegIccProfile.read(file)).isPresent();
    ProcessedImage untagged = PURE_JAVA.process(
        TestImages.write(dir, "plain.jpg", TestImages.jpeg(2400, 1600)), STANDARD);

    assertSameRenditions(file, STANDARD, false);

    BufferedImage converted = TestImages.decode(withTurboJpeg.process(file, STANDARD)
        .renditions().get(1).jpeg());
    BufferedImage plain = TestImages.decode(untagged.renditions().get(1).jpeg());
    int red = converted.getRGB(80, 53) >> 16 & 0xFF;
    assertThat(red).as("red of the converted red quadrant")
        .isGreaterThan((plain.getRGB(80, 53) >> 16 & 0xFF) + 10);
  }

  /** {@code jpeg} with {@code profile} in one APP2 segment right after SOI. */
  private static byte[] withApp2IccProfile(byte[] jpeg, byte[] profile) {
    byte[] signature = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);
    int length = 2 + signature.length + 2 + profile.length;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, 2);
    out.write(0xFF);
    out.write(0xE2);
    out.write(length >> 8);
    out.write(length & 0xFF);
    out.writeBytes(signature);
    out.write(1);
    out.write(1);
    out.writeBytes(profile);
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }

  @Test
  void cmykFallsBackToImageIo() throws Exception {
    Path file = TestImages.write(dir, "print.jpg", TestImages.cmykJpeg(800, 600));

    assertSameRenditions(file, STANDARD, false);
  }

  private static void assertSameRenditions(Path file, ProcessingProfile profile)
      throws ImageRejectedException {
    assertSameRenditions(file, profile, profile.crop() == CropSpec.NONE);
  }

  /** @param quadrants whether the file shows {@link TestImages#quadrants} in full */
  private static void assertSameRenditions(Path file, ProcessingProfile profile,
      boolean quadrants) throws ImageRejectedException {
    ProcessedImage fast = withTurboJpeg.process(file, profile);
    ProcessedImage reference = PURE_JAVA.process(file, profile);

    assertThat(fast.crop()).isEqualTo(reference.crop());
    assertThat(fast.renditions()).hasSameSizeAs(reference.renditions());
    for (int i = 0; i < fast.renditions().size(); i++) {
      EncodedRendition a = fast.renditions().get(i);
      EncodedRendition b = reference.renditions().get(i);
      assertThat(a.spec()).isEqualTo(b.spec());
      assertThat(a.width()).isEqualTo(b.width());
      assertThat(a.height()).isEqualTo(b.height());
      BufferedImage decoded = TestImages.decode(a.jpeg());
      assertThat(decoded.getWidth()).isEqualTo(a.width());
      assertThat(decoded.getHeight()).isEqualTo(a.height());
      assertThat(Psnr.of(decoded, TestImages.decode(b.jpeg())))
          .as("%s: PSNR of the native rendition against the pure-Java one", a.spec().name())
          .isGreaterThan(30.0);
      if (quadrants && a.height() > 100 && a.width() > 100) {
        assertUprightQuadrants(decoded);
      }
    }
  }
}
