package io.imagestore.job.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SourceSubsamplingTest {

  private static final PixelSize MP24 = new PixelSize(6000, 4000);

  @Test
  void largestFactorKeepingTwiceTheLargestRendition() {
    // 1280 x 853 needs >= 2560 x 1706 decoded: 6000/2 = 3000 fits, 6000/3 = 2000 does not.
    List<PixelSize> outputs = List.of(new PixelSize(1280, 853), new PixelSize(320, 213));
    assertThat(SourceSubsampling.choose(MP24, outputs)).isEqualTo(2);
  }

  @Test
  void thumbnailOnlyAllowsMore() {
    // 320 x 213 needs 640 x 426: ceil(6000/9) = 667 and ceil(4000/9) = 445 fit; /10 gives 600.
    assertThat(SourceSubsampling.choose(MP24, List.of(new PixelSize(320, 213)))).isEqualTo(9);
  }

  @Test
  void theShorterEdgeCanBeTheLimit() {
    // A box output of 100 x 400 from 4000 x 4000 needs 800 rows: factor 5 (800), not 6 (667).
    assertThat(SourceSubsampling.choose(new PixelSize(4000, 4000),
            List.of(new PixelSize(100, 400))))
        .isEqualTo(5);
  }

  @Test
  void neverBelowTwiceTheOutput() {
    for (int width = 100; width < 5000; width += 37) {
      PixelSize crop = new PixelSize(width, width * 2 / 3 + 1);
      PixelSize output = new PixelSize(64, 43);
      int factor = SourceSubsampling.choose(crop, List.of(output));
      int decodedWidth = SourceSubsampling.decodedLength(crop.width(), factor);
      int decodedHeight = SourceSubsampling.decodedLength(crop.height(), factor);
      if (factor > 1) {
        assertThat(decodedWidth).isGreaterThanOrEqualTo(2 * output.width());
        assertThat(decodedHeight).isGreaterThanOrEqualTo(2 * output.height());
      }
      // and the next factor would break the rule
      int next = factor + 1;
      assertThat(SourceSubsampling.decodedLength(crop.width(), next) < 2 * output.width()
              || SourceSubsampling.decodedLength(crop.height(), next) < 2 * output.height())
          .as("factor %d for %s is the largest", factor, crop)
          .isTrue();
    }
  }

  @Test
  void smallImagesAreDecodedInFull() {
    // The rendition is the image's own size (never upscaled): nothing may be dropped.
    PixelSize small = new PixelSize(640, 480);
    assertThat(SourceSubsampling.choose(small, List.of(small))).isEqualTo(1);
    // Less than twice the output: still full.
    assertThat(SourceSubsampling.choose(new PixelSize(2000, 1500),
            List.of(new PixelSize(1280, 960))))
        .isEqualTo(1);
  }

  @Test
  void computedFromTheCropNotTheWholeImage() {
    // A 1000 x 1000 crop of a 24 MP image for a 320 px output needs 640 decoded pixels:
    // 1000 / 2 = 500 is too few, so the crop is decoded in full although the image is large.
    assertThat(SourceSubsampling.choose(new PixelSize(1000, 1000),
            List.of(new PixelSize(320, 320))))
        .isEqualTo(1);
  }
}
