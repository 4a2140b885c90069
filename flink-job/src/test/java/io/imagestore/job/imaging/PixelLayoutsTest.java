package io.imagestore.job.imaging;

import static io.imagestore.job.testing.Pixels.assertColour;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagestore.job.testing.Pixels;
import io.imagestore.job.testing.TestImages;
import io.imagestore.schemas.RejectReason;
import java.awt.Color;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decoded layouts other than 8-bit RGB: each must reach the renditions as the colours a viewer
 * shows, with transparency on white. Left half and right half differ in every image.
 */
class PixelLayoutsTest {

  private static final ProcessingProfile THUMB = new ProcessingProfile(
      CropSpec.NONE, List.of(RenditionSpec.longEdge("thumb", 200, 90)));

  @TempDir Path dir;

  private final ImageProcessor processor = new ImageProcessor(ImageLimits.defaults());

  private BufferedImage render(String name, byte[] bytes) throws Exception {
    ProcessedImage result = processor.process(TestImages.write(dir, name, bytes), THUMB);
    return TestImages.decode(result.renditions().get(0).jpeg());
  }

  @Test
  void progressiveJpeg() throws Exception {
    BufferedImage image = render("progressive.jpg", TestImages.progressiveJpeg(400, 300));
    Pixels.assertUprightQuadrants(image);
  }

  @Test
  void progressiveJpegCut() {
    byte[] cut = TestImages.progressiveJpeg(400, 300);
    Path file = TestImages.write(dir, "cut.jpg", Arrays.copyOf(cut, cut.length * 9 / 10));
    assertThatThrownBy(() -> processor.process(file, THUMB))
        .isInstanceOfSatisfying(ImageRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(RejectReason.TRUNCATED));
  }

  @Test
  void sixteenBitGreyKeepsItsTone() throws Exception {
    BufferedImage grey = new BufferedImage(400, 300, BufferedImage.TYPE_USHORT_GRAY);
    fillHalves(grey.getRaster(), new int[] {0x8000}, new int[] {0xFFFF});

    BufferedImage image = render("grey16.png", png(grey));

    assertColour(image, 0.25, 0.5, new Color(128, 128, 128));
    assertColour(image, 0.75, 0.5, Color.WHITE);
  }

  @Test
  void sixteenBitRgb() throws Exception {
    ColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB),
        false, false, Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
    WritableRaster raster = model.createCompatibleWritableRaster(400, 300);
    fillHalves(raster, new int[] {0xFFFF, 0, 0}, new int[] {0, 0, 0xFFFF});

    BufferedImage image = render("rgb16.png", png(new BufferedImage(model, raster, false, null)));

    assertColour(image, 0.25, 0.5, Color.RED);
    assertColour(image, 0.75, 0.5, Color.BLUE);
  }

  @Test
  void greyWithAlpha() throws Exception {
    ColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY),
        true, false, Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
    WritableRaster raster = model.createCompatibleWritableRaster(400, 300);
    fillHalves(raster, new int[] {0, 0}, new int[] {0, 255}); // transparent black | opaque black

    BufferedImage image = render("grey-alpha.png", png(new BufferedImage(model, raster, false, null)));

    assertColour(image, 0.25, 0.5, Color.WHITE);
    assertColour(image, 0.75, 0.5, Color.BLACK);
  }

  @Test
  void paletteWithATransparentEntry() throws Exception {
    BufferedImage palette = paletteImage();

    assertColour(render("palette.png", png(palette)), 0.25, 0.5, Color.WHITE);
    assertColour(render("palette.png", png(palette)), 0.75, 0.5, Color.RED);
    assertColour(render("palette.gif", encode(palette, "gif")), 0.25, 0.5, Color.WHITE);
    assertColour(render("palette.gif", encode(palette, "gif")), 0.75, 0.5, Color.RED);
  }

  /** Entry 0 transparent black on the left, entry 1 opaque red on the right. */
  private static BufferedImage paletteImage() {
    IndexColorModel model = new IndexColorModel(8, 2,
        new byte[] {0, (byte) 255}, new byte[] {0, 0}, new byte[] {0, 0}, 0);
    BufferedImage image = new BufferedImage(400, 300, BufferedImage.TYPE_BYTE_INDEXED, model);
    fillHalves(image.getRaster(), new int[] {0}, new int[] {1});
    return image;
  }

  private static void fillHalves(WritableRaster raster, int[] left, int[] right) {
    for (int y = 0; y < raster.getHeight(); y++) {
      for (int x = 0; x < raster.getWidth(); x++) {
        raster.setPixel(x, y, x < raster.getWidth() / 2 ? left : right);
      }
    }
  }

  private static byte[] png(BufferedImage image) throws Exception {
    return encode(image, "png");
  }

  private static byte[] encode(BufferedImage image, String format) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    assertThat(ImageIO.write(image, format, bytes)).isTrue();
    return bytes.toByteArray();
  }
}
