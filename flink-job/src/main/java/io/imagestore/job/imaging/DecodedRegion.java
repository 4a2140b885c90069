package io.imagestore.job.imaging;

import java.awt.Rectangle;
import java.awt.image.ColorConvertOp;

/**
 * Decoded pixels, as stored (not yet oriented), and where in them the crop lies: the window
 * {@code (x, y, width, height)} in the rows' own pixels, fractional after a scaled decode.
 *
 * @param toSrgb the colour conversion still to apply (to each rendition: a 1 MP conversion
 *     instead of one of the decode), or null when the pixels are sRGB
 */
record DecodedRegion(
    RgbRows pixels, double x, double y, double width, double height, ColorConvertOp toSrgb) {

  DecodedRegion(RgbRows pixels, double x, double y, double width, double height) {
    this(pixels, x, y, width, height, null);
  }

  /** Rows that hold exactly {@code region} subsampled by {@code factor}. */
  static DecodedRegion whole(RgbRows pixels, Rectangle region, int factor) {
    return new DecodedRegion(pixels, 0, 0,
        Math.min(pixels.width(), (double) region.width / factor),
        Math.min(pixels.height(), (double) region.height / factor));
  }
}
