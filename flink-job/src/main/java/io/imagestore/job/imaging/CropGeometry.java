package io.imagestore.job.imaging;

import io.imagestore.schemas.RejectReason;

/** Resolves a {@link CropSpec} against the displayed (oriented) size of one image. */
final class CropGeometry {

  private CropGeometry() {}

  /**
   * The region to keep. A rectangle is clipped to the image; one that does not overlap it at all
   * is rejected ({@link RejectReason#PROCESSING_FAILED}: the profile does not fit this image).
   * An aspect crop is the largest centred region of that ratio (odd leftovers go right/bottom).
   */
  static CropRegion resolve(CropSpec spec, PixelSize display) throws ImageRejectedException {
    int w = display.width();
    int h = display.height();
    if (spec instanceof CropSpec.Rectangle r) {
      long right = Math.min((long) r.x() + r.width(), w);
      long bottom = Math.min((long) r.y() + r.height(), h);
      if (r.x() >= w || r.y() >= h) {
        throw new ImageRejectedException(
            RejectReason.PROCESSING_FAILED,
            "crop " + r.canonical() + " lies outside the " + display + " image");
      }
      return new CropRegion(
          r.mode(), r.x(), r.y(), (int) (right - r.x()), (int) (bottom - r.y()));
    }
    if (spec instanceof CropSpec.Aspect a) {
      // Compare w/h with a.width/a.height without division: w * ah >= h * aw means the image is
      // at least as wide as the ratio, so the full height is kept.
      if ((long) w * a.height() >= (long) h * a.width()) {
        int cw = clamp(Math.round((double) h * a.width() / a.height()), w);
        return new CropRegion(a.mode(), (w - cw) / 2, 0, cw, h);
      }
      int ch = clamp(Math.round((double) w * a.height() / a.width()), h);
      return new CropRegion(a.mode(), 0, (h - ch) / 2, w, ch);
    }
    return new CropRegion(spec.mode(), 0, 0, w, h);
  }

  private static int clamp(long value, int max) {
    return (int) Math.max(1, Math.min(value, max));
  }
}
