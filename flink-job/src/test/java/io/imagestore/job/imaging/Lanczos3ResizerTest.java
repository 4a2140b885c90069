package io.imagestore.job.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Lanczos3ResizerTest {

  private final Lanczos3Resizer resizer = new Lanczos3Resizer();

  @Test
  void aFlatColourStaysExactlyThatColour() {
    int[] flat = new int[997 * 613];
    Arrays.fill(flat, 0x3C7AE1);

    int[] out = resize(flat, 997, 613, 320, 197);

    assertThat(out).hasSize(320 * 197).containsOnly(0x3C7AE1);
  }

  @Test
  void theSameSizeIsAnExactCopy() {
    int[] noise = new int[64 * 48];
    SplittableRandom random = new SplittableRandom(7);
    Arrays.setAll(noise, i -> random.nextInt(1 << 24));

    assertThat(resize(noise, 64, 48, 64, 48)).isEqualTo(noise);
  }

  @Test
  void finestStripesShrinkToTheirMeanWithoutMoire() {
    // One-pixel black and white columns: point sampling would give all black or all white (or
    // beats of both); a low-pass gives an even grey.
    int w = 1200;
    int h = 40;
    int[] stripes = new int[w * h];
    for (int i = 0; i < stripes.length; i++) {
      stripes[i] = (i % w) % 2 == 0 ? 0xFFFFFF : 0;
    }

    int[] out = resize(stripes, w, h, 347, 12);

    for (int x = 3; x < 344; x++) { // the edges see only one side of the kernel
      assertThat(out[5 * 347 + x] & 0xFF).as("column %d", x).isBetween(120, 135);
    }
  }

  @Test
  void aWindowSelectsItsPixelsOnly() {
    // Left half red, right half blue: the right half's window must come out pure blue.
    int w = 400;
    int h = 100;
    int[] halves = new int[w * h];
    for (int i = 0; i < halves.length; i++) {
      halves[i] = (i % w) < w / 2 ? 0xFF0000 : 0x0000FF;
    }

    int[] out =
        resizer.resize(RgbRows.ofPacked(halves, 0, w, w, h), 200, 0, 200, 100, 50, 25, null);

    assertThat(out).containsOnly(0x0000FF);
  }

  @Test
  void buffersAreReusedAcrossSizes() {
    int[] big = new int[2000 * 1500];
    Arrays.fill(big, 0x808080);
    int[] small = new int[300 * 200];
    Arrays.fill(small, 0x102030);

    assertThat(resize(big, 2000, 1500, 640, 480)).containsOnly(0x808080);
    assertThat(resize(small, 300, 200, 100, 67)).containsOnly(0x102030);
    assertThat(resize(big, 2000, 1500, 1280, 960)).containsOnly(0x808080);
  }

  private int[] resize(int[] pixels, int w, int h, int outW, int outH) {
    return resizer.resize(RgbRows.ofPacked(pixels, 0, w, w, h), 0, 0, w, h, outW, outH, null);
  }
}
