package io.imagestore.job.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Scales are numerators of eighths: 4 is 1/2. */
class DctScalingTest {

  private static final List<PixelSize> STANDARD =
      List.of(new PixelSize(1280, 853), new PixelSize(320, 213));

  @Test
  void halfScaleAndAboveNeedNoMargin() {
    // 3000 / 2 = 1500 covers 1280; 3000 * 3/8 = 1125 does not.
    assertThat(DctScaling.choose(new PixelSize(3000, 2000), STANDARD)).isEqualTo(4);
    // 2560 / 2 = 1280 exactly.
    assertThat(DctScaling.choose(new PixelSize(2560, 1706), STANDARD)).isEqualTo(4);
    // 2000 * 5/8 = 1250 < 1280, 2000 * 3/4 = 1500.
    assertThat(DctScaling.choose(new PixelSize(2000, 1500), List.of(new PixelSize(1280, 960))))
        .isEqualTo(6);
  }

  @Test
  void coarseScalesKeepAQuarterMore() {
    // 6000 / 4 = 1500 < 1.25 x 1280 = 1600; 6000 * 3/8 = 2250.
    assertThat(DctScaling.choose(new PixelSize(6000, 4000), STANDARD)).isEqualTo(3);
    // 6400 / 4 = 1600 = 1.25 x 1280, and 4267 / 4 >= 1.25 x 853.
    assertThat(DctScaling.choose(new PixelSize(6400, 4267), STANDARD)).isEqualTo(2);
    // A thumbnail only: 6000 / 8 = 750 >= 400.
    assertThat(DctScaling.choose(new PixelSize(6000, 4000), List.of(new PixelSize(320, 213))))
        .isEqualTo(1);
  }

  @Test
  void smallCropsDecodeInFull() {
    assertThat(DctScaling.choose(new PixelSize(1400, 1000), List.of(new PixelSize(1280, 914))))
        .isEqualTo(8);
    assertThat(DctScaling.choose(new PixelSize(640, 480), List.of(new PixelSize(640, 480))))
        .isEqualTo(8);
  }

  @Test
  void scaledSizesRoundUpAsTurboJpegDoes() {
    assertThat(DctScaling.scaled(3001, 4)).isEqualTo(1501);
    assertThat(DctScaling.scaled(3000, 1)).isEqualTo(375);
    assertThat(DctScaling.scaled(3001, 3)).isEqualTo(1126);
    assertThat(DctScaling.scaled(1, 1)).isEqualTo(1);
  }
}
