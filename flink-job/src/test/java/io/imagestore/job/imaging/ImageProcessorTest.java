package io.imagestore.job.imaging;

import static io.imagestore.job.testing.Pixels.assertColour;
import static io.imagestore.job.testing.Pixels.assertUprightQuadrants;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagestore.job.testing.TestImages;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageProcessorTest {

  private static final RenditionSpec LARGE = RenditionSpec.longEdge("large", 1280, 85);
  private static final RenditionSpec THUMB = RenditionSpec.longEdge("thumb", 320, 85);
  private static final ProcessingProfile STANDARD =
      new ProcessingProfile(CropSpec.NONE, List.of(LARGE, THUMB));

  @TempDir Path dir;

  private final ImageProcessor processor = new ImageProcessor(ImageLimits.defaults());

  @Test
  void makesEveryRenditionAtItsSizeInProfileOrder() throws Exception {
    Path file = TestImages.write(dir, "photo.jpg", TestImages.jpeg(3000, 2000));

    ProcessedImage result = processor.process(file, STANDARD);

    assertThat(result.format()).isEqualTo(ImageFormat.JPEG);
    assertThat(result.width()).isEqualTo(3000);
    assertThat(result.height()).isEqualTo(2000);
    assertThat(result.exif()).isEqualTo(ExifData.NONE);
    assertThat(result.crop()).isEqualTo(new CropRegion("none", 0, 0, 3000, 2000));
    assertThat(result.renditions()).extracting(EncodedRendition::spec).containsExactly(LARGE, THUMB);
    assertRendition(result.renditions().get(0), 1280, 853);
    assertRendition(result.renditions().get(1), 320, 213);
    for (EncodedRendition rendition : result.renditions()) {
      assertUprightQuadrants(TestImages.decode(rendition.jpeg()));
    }
  }

  @Test
  void renditionsCarryNoMetadata() throws Exception {
    Path file = TestImages.write(dir, "camera.jpg",
        TestImages.jpegWithExif(800, 600, TestImages.Exif.camera(1)));

    byte[] jpeg = processor.process(file, STANDARD).renditions().get(1).jpeg();

    // No APP1 (EXIF/XMP): the GPS position must not leak into a public rendition, and an
    // orientation tag would make viewers rotate the already rotated pixels again.
    assertThat(containsMarker(jpeg, 0xE1)).isFalse();
    assertThat(jpeg).startsWith((byte) 0xFF, (byte) 0xD8);
  }

  @ParameterizedTest(name = "orientation {0}")
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
  void appliesEveryExifOrientation(int orientation) throws Exception {
    Path file = TestImages.write(dir, "o.jpg", TestImages.jpegWithOrientation(600, 400, orientation));

    ProcessedImage result = processor.process(file, STANDARD);

    boolean sideways = orientation >= 5;
    assertThat(result.width()).as("encoded width").isEqualTo(sideways ? 400 : 600);
    assertThat(result.height()).as("encoded height").isEqualTo(sideways ? 600 : 400);
    assertThat(result.exif().orientation()).isEqualTo(orientation);
    assertThat(result.crop()).isEqualTo(new CropRegion("none", 0, 0, 600, 400));
    assertRendition(result.renditions().get(0), 600, 400); // not upscaled to 1280
    assertRendition(result.renditions().get(1), 320, 213);
    for (EncodedRendition rendition : result.renditions()) {
      assertUprightQuadrants(TestImages.decode(rendition.jpeg()));
    }
  }

  @Test
  void neverUpscales() throws Exception {
    Path file = TestImages.write(dir, "small.jpg", TestImages.jpeg(200, 100));

    ProcessedImage result = processor.process(file, STANDARD);

    assertRendition(result.renditions().get(0), 200, 100);
    assertRendition(result.renditions().get(1), 200, 100);
  }

  @Test
  void boxRenditionFitsInside() throws Exception {
    Path file = TestImages.write(dir, "wide.jpg", TestImages.jpeg(1600, 900));
    RenditionSpec card = RenditionSpec.box("card", 400, 300, 80);

    ProcessedImage result =
        processor.process(file, new ProcessingProfile(CropSpec.NONE, List.of(card)));

    assertRendition(result.renditions().get(0), 400, 225);
  }

  @Test
  void aspectCropIsCentredInDisplayCoordinates() throws Exception {
    // Displayed 600 x 400, stored 400 x 600 (orientation 6): the square is x 100-500 as shown.
    Path file = TestImages.write(dir, "o6.jpg", TestImages.jpegWithOrientation(600, 400, 6));

    ProcessedImage result = processor.process(file,
        new ProcessingProfile(new CropSpec.Aspect(1, 1), List.of(THUMB)));

    assertThat(result.crop()).isEqualTo(new CropRegion("aspect", 100, 0, 400, 400));
    assertRendition(result.renditions().get(0), 320, 320);
    assertUprightQuadrants(TestImages.decode(result.renditions().get(0).jpeg()));
  }

  @ParameterizedTest(name = "orientation {0}")
  @ValueSource(ints = {1, 3, 6, 8})
  void rectangleCropSelectsTheDisplayedRegion(int orientation) throws Exception {
    // The displayed top-right quadrant is green whatever the stored orientation.
    Path file = TestImages.write(dir, "o.jpg", TestImages.jpegWithOrientation(600, 400, orientation));

    ProcessedImage result = processor.process(file,
        new ProcessingProfile(new CropSpec.Rectangle(300, 0, 300, 200), List.of(THUMB)));

    assertThat(result.crop()).isEqualTo(new CropRegion("rectangle", 300, 0, 300, 200));
    assertRendition(result.renditions().get(0), 300, 200);
    BufferedImage image = TestImages.decode(result.renditions().get(0).jpeg());
    for (double f : new double[] {0.1, 0.5, 0.9}) {
      assertColour(image, f, f, TestImages.GREEN);
      assertColour(image, f, 1 - f, TestImages.GREEN);
    }
  }

  @Test
  void rectangleCropIsClippedToTheImage() throws Exception {
    Path file = TestImages.write(dir, "photo.jpg", TestImages.jpeg(600, 400));

    ProcessedImage result = processor.process(file,
        new ProcessingProfile(new CropSpec.Rectangle(500, 300, 1000, 1000), List.of(THUMB)));

    assertThat(result.crop()).isEqualTo(new CropRegion("rectangle", 500, 300, 100, 100));
    assertRendition(result.renditions().get(0), 100, 100);
    assertColour(TestImages.decode(result.renditions().get(0).jpeg()), 0.5, 0.5, TestImages.YELLOW);
  }

  @Test
  void cropOfASubsampledDecodeStaysExact() throws Exception {
    // 4000 x 3000 to a 320 px square: subsampled 4x (750 px decoded for a 320 px output); the
    // 16:9 band and square must still land on the quadrant boundaries.
    Path file = TestImages.write(dir, "big.jpg", TestImages.jpeg(4000, 3000));

    ProcessedImage wide = processor.process(file,
        new ProcessingProfile(new CropSpec.Aspect(16, 9), List.of(THUMB)));
    ProcessedImage square = processor.process(file,
        new ProcessingProfile(new CropSpec.Rectangle(2000, 1500, 2000, 1500), List.of(THUMB)));

    assertThat(wide.crop()).isEqualTo(new CropRegion("aspect", 0, 375, 4000, 2250));
    assertRendition(wide.renditions().get(0), 320, 180);
    assertUprightQuadrants(TestImages.decode(wide.renditions().get(0).jpeg()));
    assertRendition(square.renditions().get(0), 320, 240);
    BufferedImage yellow = TestImages.decode(square.renditions().get(0).jpeg());
    assertColour(yellow, 0.02, 0.02, TestImages.YELLOW);
    assertColour(yellow, 0.98, 0.98, TestImages.YELLOW);
  }

  static Stream<Arguments> fourComponentJpegs() {
    return Stream.of(
        Arguments.of("Adobe CMYK", (BiFunction<Integer, Integer, byte[]>) TestImages::cmykJpeg),
        Arguments.of("Adobe YCCK", (BiFunction<Integer, Integer, byte[]>) TestImages::ycckJpeg),
        Arguments.of("plain CMYK", (BiFunction<Integer, Integer, byte[]>) TestImages::plainCmykJpeg));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fourComponentJpegs")
  void convertsCmykAndYcckToSaneRgb(String kind, BiFunction<Integer, Integer, byte[]> jpeg)
      throws Exception {
    Path file = TestImages.write(dir, "print.jpg", jpeg.apply(800, 600));

    ProcessedImage result = processor.process(file, STANDARD);

    assertRendition(result.renditions().get(1), 320, 240);
    BufferedImage image = TestImages.decode(result.renditions().get(1).jpeg());
    assertThat(image.getColorModel().getNumComponents()).isEqualTo(3);
    assertColour(image, 0.25, 0.25, Color.CYAN);
    assertColour(image, 0.75, 0.25, Color.MAGENTA);
    assertColour(image, 0.25, 0.75, Color.YELLOW);
    assertColour(image, 0.75, 0.75, Color.BLACK);
  }

  @Test
  void transparencyBecomesWhite() throws Exception {
    Path file = TestImages.write(dir, "logo.png", TestImages.pngWithAlpha(400, 200));

    ProcessedImage result = processor.process(file, STANDARD);

    assertThat(result.format()).isEqualTo(ImageFormat.PNG);
    BufferedImage image = TestImages.decode(result.renditions().get(0).jpeg());
    assertColour(image, 0.2, 0.5, Color.WHITE); // transparent black must not turn black
    assertColour(image, 0.8, 0.5, Color.BLUE);
  }

  @Test
  void greyImagesKeepTheirTones() throws Exception {
    Path file = TestImages.write(dir, "grey.jpg", TestImages.grayJpeg(512, 64));

    ProcessedImage result = processor.process(file, STANDARD);

    BufferedImage image = TestImages.decode(result.renditions().get(1).jpeg());
    assertRendition(result.renditions().get(1), 320, 40);
    // A ramp 0..255: no gamma shift on the way through RGB.
    assertColour(image, 0.0, 0.5, new Color(5, 5, 5));
    assertColour(image, 0.5, 0.5, new Color(128, 128, 128));
    assertColour(image, 1.0, 0.5, new Color(250, 250, 250));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"png", "gif", "bmp", "tiff"})
  void readsTheOtherFormats(String format) throws Exception {
    Path file = TestImages.write(dir, "image." + format, TestImages.image(900, 600, format));

    ProcessedImage result = processor.process(file, STANDARD);

    assertThat(result.format().contractName()).isEqualTo(format);
    assertThat(result.width()).isEqualTo(900);
    assertThat(result.height()).isEqualTo(600);
    assertRendition(result.renditions().get(0), 900, 600);
    assertRendition(result.renditions().get(1), 320, 213);
    assertUprightQuadrants(TestImages.decode(result.renditions().get(1).jpeg()));
  }

  @Test
  void extractsCameraExif() throws Exception {
    Path file = TestImages.write(dir, "camera.jpg",
        TestImages.jpegWithExif(600, 400, TestImages.Exif.camera(6)));

    ExifData exif = processor.process(file, STANDARD).exif();

    assertThat(exif.captureTime()).isEqualTo("2024-05-01T14:03:07+02:00");
    assertThat(exif.make()).isEqualTo("Imagestore");
    assertThat(exif.model()).isEqualTo("Test Camera 1");
    assertThat(exif.orientation()).isEqualTo(6);
    assertThat(exif.latitude()).isCloseTo(46.5191, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(exif.longitude()).isCloseTo(6.6323, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(exif.altitude()).isEqualTo(372.5);
  }

  @Test
  void brokenExifDoesNotRejectAGoodImage() throws Exception {
    byte[] jpeg = TestImages.jpeg(300, 200);
    // An APP1 "Exif" segment whose TIFF header is garbage.
    byte[] app1 = {(byte) 0xFF, (byte) 0xE1, 0, 16, 'E', 'x', 'i', 'f', 0, 0,
        'X', 'Y', 1, 2, 3, 4, 5, 6};
    byte[] broken = new byte[jpeg.length + app1.length];
    System.arraycopy(jpeg, 0, broken, 0, 2);
    System.arraycopy(app1, 0, broken, 2, app1.length);
    System.arraycopy(jpeg, 2, broken, 2 + app1.length, jpeg.length - 2);
    Path file = TestImages.write(dir, "broken-exif.jpg", broken);

    ProcessedImage result = processor.process(file, STANDARD);

    assertThat(result.exif()).isEqualTo(ExifData.NONE);
    assertRendition(result.renditions().get(1), 300, 200);
  }

  @Test
  void oneInstanceServesConcurrentCalls() throws Exception {
    Path a = TestImages.write(dir, "a.jpg", TestImages.jpegWithOrientation(900, 600, 6));
    Path b = TestImages.write(dir, "b.png", TestImages.pngWithAlpha(500, 500));
    List<Path> files = List.of(a, b, a, b, a, b, a, b);

    List<ProcessedImage> results = files.parallelStream()
        .map(file -> {
          try {
            return processor.process(file, STANDARD);
          } catch (ImageRejectedException e) {
            throw new AssertionError(e);
          }
        })
        .toList();

    for (int i = 0; i < files.size(); i++) {
      ProcessedImage result = results.get(i);
      if (i % 2 == 0) {
        assertRendition(result.renditions().get(1), 320, 213);
        assertUprightQuadrants(TestImages.decode(result.renditions().get(1).jpeg()));
      } else {
        assertRendition(result.renditions().get(1), 320, 320);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"default", "pure Java"})
  void buffersKeptFromPhotoToPhotoChangeNoByteOfTheRenditions(String path) throws Exception {
    // Large, then smaller and turned, then large again: each photo's renditions must be what a
    // fresh processor makes of it, whatever the arrays hold from the photo before.
    Path large = TestImages.write(dir, "large.jpg", TestImages.jpeg(3000, 2000));
    Path turned = TestImages.write(dir, "turned.jpg", TestImages.jpegWithOrientation(1700, 900, 6));
    Path tall = TestImages.write(dir, "tall.png", TestImages.pngWithAlpha(600, 1400));
    ProcessingProfile three = new ProcessingProfile(CropSpec.NONE, List.of(LARGE,
        RenditionSpec.box("card", 400, 300, 80), THUMB));
    List<Path> photos = List.of(large, turned, tall, large, tall, turned);
    try (ImageProcessor reused = newProcessor(path)) {
      for (Path photo : photos) {
        List<EncodedRendition> again = reused.process(photo, three).renditions();
        try (ImageProcessor fresh = newProcessor(path)) {
          List<EncodedRendition> expected = fresh.process(photo, three).renditions();
          for (int i = 0; i < expected.size(); i++) {
            assertThat(again.get(i).jpeg()).as("%s %s", photo.getFileName(),
                expected.get(i).spec().name()).isEqualTo(expected.get(i).jpeg());
          }
        }
      }
    }
  }

  private static ImageProcessor newProcessor(String path) {
    return path.equals("pure Java")
        ? ImageProcessor.pureJava(ImageLimits.defaults())
        : new ImageProcessor(ImageLimits.defaults());
  }

  static void assertRendition(EncodedRendition rendition, int width, int height) {
    assertThat(rendition.width()).as("%s width", rendition.spec().name()).isEqualTo(width);
    assertThat(rendition.height()).as("%s height", rendition.spec().name()).isEqualTo(height);
    BufferedImage decoded = TestImages.decode(rendition.jpeg());
    assertThat(decoded.getWidth()).as("%s encoded width", rendition.spec().name()).isEqualTo(width);
    assertThat(decoded.getHeight()).as("%s encoded height", rendition.spec().name())
        .isEqualTo(height);
  }

  private static boolean containsMarker(byte[] jpeg, int marker) {
    int i = 2;
    while (i + 4 <= jpeg.length && (jpeg[i] & 0xFF) == 0xFF) {
      int m = jpeg[i + 1] & 0xFF;
      if (m == marker) {
        return true;
      }
      if (m == 0xDA) {
        return false;
      }
      i += 2 + ((jpeg[i + 2] & 0xFF) << 8 | (jpeg[i + 3] & 0xFF));
    }
    return false;
  }
}
