package io.imagestore.job.imaging;

import java.util.List;

/**
 * The result of processing one original.
 *
 * @param width as encoded, before EXIF orientation (the contract's {@code original.width})
 * @param height as encoded, before EXIF orientation
 * @param renditions in the order of the profile's renditions
 */
public record ProcessedImage(
    ImageFormat format,
    int width,
    int height,
    ExifData exif,
    CropRegion crop,
    List<EncodedRendition> renditions) {

  public ProcessedImage {
    renditions = List.copyOf(renditions);
  }
}
