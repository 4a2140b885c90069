package io.imagestore.schemas;

import java.time.Instant;
import java.util.List;

/**
 * One per unique image, written exactly once to {@code image-metadata}. Contract: {@code
 * schemas/json/image-metadata.v1.schema.json}.
 */
public record ImageMetadata(
    int schemaVersion,
    String imageId,
    SourceInfo source,
    Original original,
    Exif exif,
    Crop crop,
    List<Rendition> renditions,
    Instant processedAt,
    String jobVersion) {

  public static final int VERSION = 1;

  public ImageMetadata {
    renditions = List.copyOf(renditions);
  }

  /** A v1 record. */
  public static ImageMetadata of(
      String imageId,
      SourceInfo source,
      Original original,
      Exif exif,
      Crop crop,
      List<Rendition> renditions,
      Instant processedAt,
      String jobVersion) {
    return new ImageMetadata(
        VERSION, imageId, source, original, exif, crop, renditions, processedAt, jobVersion);
  }

  /** The original as stored; width and height as encoded, before EXIF orientation. */
  public record Original(String bucket, String key, long size, String format, int width, int height) {}

  /** Camera metadata; every field is null when the file does not carry it. */
  public record Exif(String captureTime, String make, String model, Integer orientation, Gps gps) {
    public static final Exif NONE = new Exif(null, null, null, null, null);
  }

  /** GPS position in decimal degrees; altitude in metres, null when absent. */
  public record Gps(double latitude, double longitude, Double altitude) {}

  /** The region of the oriented image that the renditions were made from. */
  public record Crop(String mode, int x, int y, int width, int height) {}

  /** One stored rendition; width and height as stored, after orientation and crop. */
  public record Rendition(
      String name, String bucket, String key, int width, int height, long bytes, String format) {}
}
