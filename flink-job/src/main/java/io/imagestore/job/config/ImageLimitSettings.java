package io.imagestore.job.config;

import static java.util.Objects.requireNonNullElse;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.imagestore.config.ByteSizeDeserializer;
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

  /** Byte counts may be written as sizes ({@code 200MiB}). */
  @JsonCreator
  static ImageLimitSettings fromFile(@JsonProperty("maxPixels") Long maxPixels,
      @JsonProperty("maxBytes") @JsonDeserialize(using = ByteSizeDeserializer.class) Long maxBytes,
      @JsonProperty("maxDecodeBytes") @JsonDeserialize(using = ByteSizeDeserializer.class) Long maxDecodeBytes) {
    ImageLimitSettings d = defaults();
    return new ImageLimitSettings(requireNonNullElse(maxPixels, d.maxPixels), requireNonNullElse(maxBytes, d.maxBytes),
        requireNonNullElse(maxDecodeBytes, d.maxDecodeBytes));
  }

  public ImageLimitSettings(long maxPixels, long maxBytes) {
    this(maxPixels, maxBytes, ImageLimits.DEFAULT_MAX_DECODE_BYTES);
  }

  public ImageLimits toImageLimits() {
    return new ImageLimits(maxPixels, maxBytes, maxDecodeBytes);
  }
}
