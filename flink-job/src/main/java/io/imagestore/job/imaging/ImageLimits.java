package io.imagestore.job.imaging;

import java.io.Serializable;

/**
 * What an original may cost before it is refused. The pixel limit is checked against the
 * header's dimensions before any pixel is decoded, so a decompression bomb (a small file claiming
 * e.g. 30000×30000 pixels) never allocates its raster. The decode budget then bounds the memory
 * the decode itself takes — decoded pixels (after subsampling) × bytes per decoded pixel, plus
 * the RGB copy — which the pixel count alone does not: a 16-bit RGBA PNG takes 8 bytes a pixel,
 * an 8-bit grey JPEG one.
 *
 * @param maxPixels width × height as encoded
 * @param maxBytes file size
 * @param maxDecodeBytes heap one decode may take
 */
public record ImageLimits(long maxPixels, long maxBytes, long maxDecodeBytes) implements Serializable {

  private static final long serialVersionUID = 2L;

  /** 1 GiB: a 100 MP original subsampled by 2 in 16-bit RGBA, or decoded whole in 8-bit RGB. */
  public static final long DEFAULT_MAX_DECODE_BYTES = 1L << 30;

  public ImageLimits {
    if (maxPixels < 1 || maxBytes < 1 || maxDecodeBytes < 1) {
      throw new IllegalArgumentException("limits must be positive, got maxPixels=" + maxPixels
          + ", maxBytes=" + maxBytes + ", maxDecodeBytes=" + maxDecodeBytes);
    }
  }

  public ImageLimits(long maxPixels, long maxBytes) {
    this(maxPixels, maxBytes, DEFAULT_MAX_DECODE_BYTES);
  }

  /** 100 megapixels, 200 MiB, a 1 GiB decode. */
  public static ImageLimits defaults() {
    return new ImageLimits(100_000_000L, 200L * 1024 * 1024, DEFAULT_MAX_DECODE_BYTES);
  }
}
