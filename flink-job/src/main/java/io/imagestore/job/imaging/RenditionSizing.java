package io.imagestore.job.imaging;

/** The output size of a rendition made from a cropped region: aspect kept, never upscaled. */
final class RenditionSizing {

  private RenditionSizing() {}

  static PixelSize outputSize(RenditionSpec spec, PixelSize crop) {
    int cw = crop.width();
    int ch = crop.height();
    return switch (spec.fit()) {
      case LONG_EDGE -> {
        int edge = spec.width();
        if (Math.max(cw, ch) <= edge) {
          yield crop;
        }
        yield cw >= ch
            ? new PixelSize(edge, scaled(ch, edge, cw))
            : new PixelSize(scaled(cw, edge, ch), edge);
      }
      case BOX -> {
        int bw = spec.width();
        int bh = spec.height();
        if (cw <= bw && ch <= bh) {
          yield crop;
        }
        // Wider than the box (cw/ch >= bw/bh): the width is the limiting edge.
        yield (long) cw * bh >= (long) ch * bw
            ? new PixelSize(bw, scaled(ch, bw, cw))
            : new PixelSize(scaled(cw, bh, ch), bh);
      }
    };
  }

  /** {@code value * numerator / denominator}, rounded, at least 1 pixel. */
  private static int scaled(int value, int numerator, int denominator) {
    return (int) Math.max(1, Math.round((double) value * numerator / denominator));
  }
}
