package io.imagestore.job.imaging;

/**
 * Camera metadata of an original; each field is null when the file does not carry it (or carries
 * a value outside its valid range).
 *
 * @param captureTime DateTimeOriginal as ISO-8601 local time ({@code 2024-05-01T14:03:07}), with
 *     fractional seconds and an offset only when the file records them
 * @param orientation the EXIF orientation tag, 1–8
 * @param latitude decimal degrees, north positive; present together with {@code longitude}
 * @param longitude decimal degrees, east positive
 * @param altitude metres above sea level; only with a position
 */
public record ExifData(
    String captureTime,
    String make,
    String model,
    Integer orientation,
    Double latitude,
    Double longitude,
    Double altitude) {

  public static final ExifData NONE = new ExifData(null, null, null, null, null, null, null);

  public ExifData {
    if ((latitude == null) != (longitude == null)) {
      throw new IllegalArgumentException("latitude and longitude come together");
    }
    if (latitude == null && altitude != null) {
      throw new IllegalArgumentException("an altitude needs a position");
    }
    if (orientation != null && (orientation < 1 || orientation > 8)) {
      throw new IllegalArgumentException("EXIF orientation is 1-8, got " + orientation);
    }
  }

  /** Whether a GPS position is present. */
  public boolean hasPosition() {
    return latitude != null;
  }
}
