package io.imagestore.job.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RenditionSizingTest {

  @Test
  void longEdgeOfLandscapeAndPortrait() {
    RenditionSpec large = RenditionSpec.longEdge("large", 1280, 85);
    assertThat(RenditionSizing.outputSize(large, new PixelSize(6000, 4000)))
        .isEqualTo(new PixelSize(1280, 853)); // 4000 * 1280 / 6000 = 853.3
    assertThat(RenditionSizing.outputSize(large, new PixelSize(4000, 6000)))
        .isEqualTo(new PixelSize(853, 1280));
    assertThat(RenditionSizing.outputSize(large, new PixelSize(3000, 3000)))
        .isEqualTo(new PixelSize(1280, 1280));
  }

  @Test
  void roundsToTheNearestPixel() {
    // 4000 * 320 / 6000 = 213.33 ; 2000 * 320 / 3000 = 213.33 ; 1001 * 100 / 2000 = 50.05
    RenditionSpec thumb = RenditionSpec.longEdge("thumb", 320, 85);
    assertThat(RenditionSizing.outputSize(thumb, new PixelSize(6000, 4000)))
        .isEqualTo(new PixelSize(320, 213));
    assertThat(RenditionSizing.outputSize(RenditionSpec.longEdge("t", 100, 85),
            new PixelSize(2000, 1001)))
        .isEqualTo(new PixelSize(100, 50));
    assertThat(RenditionSizing.outputSize(RenditionSpec.longEdge("t", 100, 85),
            new PixelSize(2000, 1010)))
        .isEqualTo(new PixelSize(100, 51)); // 50.5 rounds up
  }

  @Test
  void neverUpscales() {
    RenditionSpec large = RenditionSpec.longEdge("large", 1280, 85);
    assertThat(RenditionSizing.outputSize(large, new PixelSize(640, 480)))
        .isEqualTo(new PixelSize(640, 480));
    assertThat(RenditionSizing.outputSize(large, new PixelSize(1280, 100)))
        .isEqualTo(new PixelSize(1280, 100));
    assertThat(RenditionSizing.outputSize(RenditionSpec.box("card", 400, 300, 80),
            new PixelSize(400, 120)))
        .isEqualTo(new PixelSize(400, 120));
  }

  @Test
  void boxFitsInsideOnTheLimitingEdge() {
    RenditionSpec card = RenditionSpec.box("card", 400, 300, 80);
    // wider than 4:3 -> width limits
    assertThat(RenditionSizing.outputSize(card, new PixelSize(1600, 900)))
        .isEqualTo(new PixelSize(400, 225));
    // taller than 4:3 -> height limits
    assertThat(RenditionSizing.outputSize(card, new PixelSize(900, 1600)))
        .isEqualTo(new PixelSize(169, 300)); // 900 * 300 / 1600 = 168.75
    // exactly 4:3
    assertThat(RenditionSizing.outputSize(card, new PixelSize(4000, 3000)))
        .isEqualTo(new PixelSize(400, 300));
    // fits one edge, not the other
    assertThat(RenditionSizing.outputSize(card, new PixelSize(350, 600)))
        .isEqualTo(new PixelSize(175, 300));
  }

  @Test
  void extremeAspectKeepsOnePixel() {
    assertThat(RenditionSizing.outputSize(RenditionSpec.longEdge("t", 100, 85),
            new PixelSize(100_000, 3)))
        .isEqualTo(new PixelSize(100, 1));
  }
}
