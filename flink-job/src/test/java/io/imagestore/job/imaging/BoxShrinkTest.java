package io.imagestore.job.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BoxShrinkTest {

  @Test
  void onlyFromFourTimesAndAlwaysLeavingTwice() {
    assertThat(BoxShrink.factor(1.5)).isEqualTo(1);
    assertThat(BoxShrink.factor(3.99)).isEqualTo(1);
    assertThat(BoxShrink.factor(4.0)).isEqualTo(2);
    assertThat(BoxShrink.factor(5.9)).isEqualTo(2);
    assertThat(BoxShrink.factor(6.0)).isEqualTo(3);
  }

  @Test
  void theFactorStopsWhereThePackedSumsWouldOverflow() {
    assertThat(BoxShrink.factor(33.9)).isEqualTo(16);
    assertThat(BoxShrink.factor(200)).isEqualTo(BoxShrink.MAX_FACTOR);
    assertThatThrownBy(() -> BoxShrink.shrink(new int[17 * 17], 17, 17, 17, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("box factor 17");
  }

  @Test
  void blocksAreAveragedAndEdgeBlocksUseWhatTheyHave() {
    // 3 x 2 at k = 2: the right column is a partial block of two pixels.
    int[] pixels = {
        0x000000, 0x040404, 0x101010,
        0x080808, 0x0C0C0C, 0x202020};

    int[] out = BoxShrink.shrink(pixels, 3, 2, 2, null);

    assertThat(out).containsExactly(0x060606, 0x181818);
  }

  @Test
  void whiteStaysWhiteAtTheLargestBlock() {
    int[] white = new int[40 * 33];
    Arrays.fill(white, 0xFFFFFF);

    assertThat(BoxShrink.shrink(white, 40, 33, 16, null)).containsOnly(0xFFFFFF).hasSize(3 * 3);
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3, 5, 16})
  void everyChannelIsTheRoundedMeanOfItsBlock(int k) {
    int width = 3 * k + 1;
    int height = 2 * k + k / 2 + 1;
    SplittableRandom random = new SplittableRandom(k);
    int[] pixels = new int[width * height];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = random.nextInt(1 << 24);
    }

    int[] out = BoxShrink.shrink(pixels, width, height, k, null);
    // Written again into a larger array holding other pixels: the same means, the rest untouched.
    int[] reused = new int[out.length + 7];
    Arrays.fill(reused, 0xABCDEF);
    assertThat(BoxShrink.shrink(pixels, width, height, k, reused)).isSameAs(reused);
    assertThat(Arrays.copyOf(reused, out.length)).containsExactly(out);
    assertThat(Arrays.copyOfRange(reused, out.length, reused.length)).containsOnly(0xABCDEF);

    int outWidth = (width + k - 1) / k;
    assertThat(out).hasSize(outWidth * ((height + k - 1) / k));
    for (int i = 0; i < out.length; i++) {
      assertThat(out[i]).as("block %d at k=%d", i, k)
          .isEqualTo(meanOfBlock(pixels, width, height, k, i % outWidth, i / outWidth));
    }
  }

  /** Channel by channel, the plain way. */
  private static int meanOfBlock(int[] pixels, int width, int height, int k, int bx, int by) {
    long[] sums = new long[3];
    int n = 0;
    for (int y = by * k; y < Math.min(height, (by + 1) * k); y++) {
      for (int x = bx * k; x < Math.min(width, (bx + 1) * k); x++) {
        int p = pixels[y * width + x];
        sums[0] += (p >> 16) & 0xFF;
        sums[1] += (p >> 8) & 0xFF;
        sums[2] += p & 0xFF;
        n++;
      }
    }
    int mean = 0;
    for (long sum : sums) {
      mean = mean << 8 | (int) ((sum + n / 2) / n);
    }
    return mean;
  }
}
