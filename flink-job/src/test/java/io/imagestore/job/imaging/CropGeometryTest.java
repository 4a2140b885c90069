package io.imagestore.job.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagestore.schemas.RejectReason;
import org.junit.jupiter.api.Test;

class CropGeometryTest {

  private static final PixelSize LANDSCAPE = new PixelSize(4000, 3000);

  @Test
  void noneKeepsTheWholeImage() throws Exception {
    assertThat(CropGeometry.resolve(CropSpec.NONE, LANDSCAPE))
        .isEqualTo(new CropRegion("none", 0, 0, 4000, 3000));
  }

  @Test
  void rectangleInsideIsKeptAsIs() throws Exception {
    assertThat(CropGeometry.resolve(new CropSpec.Rectangle(100, 200, 1000, 500), LANDSCAPE))
        .isEqualTo(new CropRegion("rectangle", 100, 200, 1000, 500));
  }

  @Test
  void rectanglePastTheEdgesIsClipped() throws Exception {
    assertThat(CropGeometry.resolve(new CropSpec.Rectangle(3500, 2900, 1000, 1000), LANDSCAPE))
        .isEqualTo(new CropRegion("rectangle", 3500, 2900, 500, 100));
    assertThat(CropGeometry.resolve(
            new CropSpec.Rectangle(0, 0, Integer.MAX_VALUE, Integer.MAX_VALUE), LANDSCAPE))
        .isEqualTo(new CropRegion("rectangle", 0, 0, 4000, 3000));
  }

  @Test
  void rectangleOutsideTheImageIsRejected() {
    assertThatThrownBy(() ->
            CropGeometry.resolve(new CropSpec.Rectangle(4000, 0, 10, 10), LANDSCAPE))
        .isInstanceOfSatisfying(ImageRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(RejectReason.PROCESSING_FAILED))
        .hasMessageContaining("rectangle:4000,0,10x10")
        .hasMessageContaining("4000x3000");
  }

  @Test
  void squareFromLandscapeIsCentredHorizontally() throws Exception {
    assertThat(CropGeometry.resolve(new CropSpec.Aspect(1, 1), LANDSCAPE))
        .isEqualTo(new CropRegion("aspect", 500, 0, 3000, 3000));
  }

  @Test
  void wideFromLandscapeIsCentredVertically() throws Exception {
    // 4000 * 9 / 16 = 2250; (3000 - 2250) / 2 = 375
    assertThat(CropGeometry.resolve(new CropSpec.Aspect(16, 9), LANDSCAPE))
        .isEqualTo(new CropRegion("aspect", 0, 375, 4000, 2250));
  }

  @Test
  void landscapeRatioFromPortrait() throws Exception {
    // 3000 x 4000 at 3:2 -> 3000 x 2000, centred: y = 1000
    assertThat(CropGeometry.resolve(new CropSpec.Aspect(3, 2), new PixelSize(3000, 4000)))
        .isEqualTo(new CropRegion("aspect", 0, 1000, 3000, 2000));
  }

  @Test
  void sameRatioKeepsEverything() throws Exception {
    assertThat(CropGeometry.resolve(new CropSpec.Aspect(4, 3), LANDSCAPE))
        .isEqualTo(new CropRegion("aspect", 0, 0, 4000, 3000));
  }

  @Test
  void oddLeftoversGoToTheRightAndBottom() throws Exception {
    // 101 x 50 at 1:1 -> 50 x 50; 51 columns left over: 25 left, 26 right
    assertThat(CropGeometry.resolve(new CropSpec.Aspect(1, 1), new PixelSize(101, 50)))
        .isEqualTo(new CropRegion("aspect", 25, 0, 50, 50));
  }

  @Test
  void extremeRatiosKeepAtLeastOnePixel() throws Exception {
    // 10 * 1 / 1000 rounds to 0 -> 1 row; 9 rows left over: 4 above, 5 below
    assertThat(CropGeometry.resolve(new CropSpec.Aspect(1000, 1), new PixelSize(10, 10)))
        .isEqualTo(new CropRegion("aspect", 0, 4, 10, 1));
  }
}
