package io.imagestore.job.imaging;

import java.util.List;

/**
 * The TurboJPEG scale to decode a crop at: the smallest of 1/8, 1/4, 3/8, 1/2, 5/8, 3/4 and 1
 * that leaves the scaled crop at least as large as every rendition (as stored) on both edges —
 * 1.25 times as large at 3/8 and below.
 *
 * <p>Unlike ImageIO's subsampling (point sampling, which needs a 2× margin against moiré),
 * DCT-domain scaling drops the high frequencies before the inverse transform — a low-pass, as
 * libvips' shrink-on-load relies on — so little or no margin is kept: the Lanczos3 resize that
 * follows does the rest. Only 1/8, 1/4 and 1/2 have SIMD inverse transforms, but entropy decoding
 * dominates, and a 24 MP photo at 3/8 (2250 px) instead of 1/2 (3000 px) leaves the resize
 * 15 taps a pixel fewer. Measured on 26 photos, same run: with the odd eighths 1.88× vips'
 * photos per CPU-second and 1.58× vips chained, without them 1.78× and 1.46×; PSNR 39.84 vs
 * 39.85 dB.
 */
final class DctScaling {

  /**
   * At 1/4 and 1/8 each 8×8 block becomes 2×2 or 1×1 pixels (3×3 at 3/8), a coarser low-pass
   * than at the larger scales: those are taken only when the Lanczos3 step after them still
   * shrinks by 1.25. Measured on 26 photos with scales 1/8, 1/4, 1/2, 1 (PSNR of the 1280
   * rendition vs ImageMagick's Lanczos, vipsthumbnail 40.00 dB mean, 32.09 min): margin 1 at
   * every scale 39.76 / 31.38 dB at 1.84× vips' speed (the worst photo visibly softer, its
   * canvas weave gone); 1.25 at 1/4 and 1/8 only 39.85 / 31.80 dB at 1.70×; 1.25 everywhere
   * 39.92 / 32.26 dB at 1.53×; 2, what vips keeps, 39.96 / 32.26 dB at 1.17× (that one before
   * the resize was vectorised).
   */
  private static final double COARSE_MARGIN = 1.25;

  /** Scales up to 3/8 are coarse. */
  private static final int COARSE_EIGHTHS = 3;

  /** Numerators n of the scales n/8 tried, smallest first; 7/8 would save next to nothing. */
  private static final int[] EIGHTHS = {1, 2, 3, 4, 5, 6, 8};

  private DctScaling() {}

  /** The numerator n of the scale n/8 for {@code region} (stored, full resolution). */
  static int choose(PixelSize region, List<PixelSize> storedOutputs) {
    for (int n : EIGHTHS) {
      if (fitsEvery(region, n, storedOutputs)) {
        return n;
      }
    }
    return 8;
  }

  /** TurboJPEG's {@code TJSCALED}: a dimension at scale n/8, rounded up. */
  static int scaled(int length, int eighths) {
    return (length * eighths + 7) / 8;
  }

  private static boolean fitsEvery(PixelSize region, int n, List<PixelSize> outputs) {
    double margin = n <= COARSE_EIGHTHS ? COARSE_MARGIN : 1.0;
    for (PixelSize output : outputs) {
      if (region.width() * n / 8.0 < margin * output.width()
          || region.height() * n / 8.0 < margin * output.height()) {
        return false;
      }
    }
    return true;
  }
}
