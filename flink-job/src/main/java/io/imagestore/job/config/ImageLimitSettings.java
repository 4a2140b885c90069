package io.imagestore.job.config;

import io.imagestore.job.imaging.ImageLimits;
import java.io.Serializable;

/**
 * @param maxPixels refused from the header before decoding (decompression bombs)
 * @param maxBytes originals larger than this are rejected without being downloaded
 * @param maxDecodeBytes heap one decode may take (decoded pixels after subsampling × bytes per
 *     pixel), checked before decoding
 */
public record ImageLimitSettings(long maxPixels, long maxBytes, long maxDecodeBytes) implements Serializable {
  public static ImageLimitSettings defaults() {
    return new ImageLimitSettings(100_000_000L, 200L * 1024 * 1024, ImageLimits.DEFAULT_MAX_DECODE_BYTES);
  }

  public ImageLimitSettings(long maxPixels, long maxBytes) {
    this(maxPixels, maxBytes, ImageLimits.DEFAULT_MAX_DECODE_BYTES);
  }

  public ImageLimits toImageLimits() {
    return new ImageLimits(maxPixels, maxBytes, maxDecodeBytes);
  }
}
