package io.imagestore.job.config;

import java.io.Serializable;

/**
 * @param maxPixels refused from the header before decoding (decompression bombs)
 * @param maxBytes originals larger than this are rejected without being downloaded
 */
public record ImageLimitSettings(long maxPixels, long maxBytes) implements Serializable {
  public static ImageLimitSettings defaults() {
    return new ImageLimitSettings(100_000_000L, 200L * 1024 * 1024);
  }
}
