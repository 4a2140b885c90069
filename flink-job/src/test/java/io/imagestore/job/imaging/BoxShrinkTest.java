package io.imagestore.job.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
  void blocksAreAveragedAndEdgeBlocksUseWhatTheyHave() {
    // 3 x 2 at k = 2: the right column is a partial block of two pixels.
    int[] pixels = {
        0x000000, 0x040404, 0x101010,
        0x080808, 0x0C0C0C, 0x202020};

    int[] out = BoxShrink.shrink(pixels, 3, 2, 2);

    assertThat(out).containsExactly(0x060606, 0x181818);
  }
}
