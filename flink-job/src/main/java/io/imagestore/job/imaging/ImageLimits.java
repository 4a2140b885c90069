package io.imagestore.job.imaging;

import java.io.Serializable;

/**
 * What an original may cost before it is refused. The pixel limit is what keeps the heap
 * bounded: it is checked against the header's dimensions before any pixel is decoded, so a
 * decompression bomb (a small file claiming e.g. 30000×30000 pixels) never allocates its raster.
 *
 * @param maxPixels width × height as encoded
 * @param maxBytes file size
 */
public record ImageLimits(long maxPixels, long maxBytes) implements Serializable {

  private static final long serialVersionUID = 1L;

  public ImageLimits {
    if (maxPixels < 1 || maxBytes < 1) {
      throw new IllegalArgumentException(
          "limits must be positive, got maxPixels=" + maxPixels + ", maxBytes=" + maxBytes);
    }
  }

  /** 100 megapixels and 200 MiB. */
  public static ImageLimits defaults() {
    return new ImageLimits(100_000_000L, 200L * 1024 * 1024);
  }
}
