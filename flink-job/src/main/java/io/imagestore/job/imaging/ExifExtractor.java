package io.imagestore.job.imaging;

import com.drew.imaging.ImageProcessingException;
import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.imaging.tiff.TiffMetadataReader;
import com.drew.lang.GeoLocation;
import com.drew.lang.Rational;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camera metadata via metadata-extractor. EXIF is optional and often partly broken, so a file
 * whose metadata cannot be parsed yields {@link ExifData#NONE} (or the fields that did parse)
 * rather than a reject: the pixels decide whether an image is usable.
 */
final class ExifExtractor {

  private static final Logger LOG = LoggerFactory.getLogger(ExifExtractor.class);

  /** "2024:05:01 14:03:07"; some writers use dashes in the date or a T separator. */
  private static final Pattern EXIF_DATE_TIME =
      Pattern.compile("(\\d{4})[:-](\\d{2})[:-](\\d{2})[ T](\\d{2}):(\\d{2}):(\\d{2})");

  private static final Pattern DIGITS = Pattern.compile("\\d{1,9}");

  private ExifExtractor() {}

  static ExifData read(Path file, ImageFormat format) {
    try {
      return from(readMetadata(file, format));
    } catch (ImageProcessingException | IOException | RuntimeException e) {
      LOG.debug("{}: unreadable metadata, continuing without EXIF", file.getFileName(), e);
      return ExifData.NONE;
    }
  }

  private static Metadata readMetadata(Path file, ImageFormat format)
      throws ImageProcessingException, IOException {
    switch (format) {
      case JPEG:
        // Only the EXIF segment: XMP, ICC and IPTC parsing would cost time for nothing here.
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
          return JpegMetadataReader.readMetadata(in, List.of(new ExifReader()));
        }
      case TIFF:
        // Random access: the stream variant buffers everything up to the last IFD it visits.
        return TiffMetadataReader.readMetadata(file.toFile());
      default:
        // Not handed to metadata-extractor: its PNG reader inflates zTXt/iTXt/iCCP chunks with
        // no bound (a 4 MB chunk becomes 4 GiB on the heap), and the other formats rarely carry
        // EXIF at all. Such images are shown as encoded.
        return new Metadata();
    }
  }

  static ExifData from(Metadata metadata) {
    ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
    ExifSubIFDDirectory exif = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
    GpsDirectory gps = metadata.getFirstDirectoryOfType(GpsDirectory.class);

    String make = ifd0 == null ? null : text(ifd0.getString(ExifIFD0Directory.TAG_MAKE));
    String model = ifd0 == null ? null : text(ifd0.getString(ExifIFD0Directory.TAG_MODEL));
    Integer orientation = null;
    if (ifd0 != null) {
      Integer tag = ifd0.getInteger(ExifIFD0Directory.TAG_ORIENTATION);
      orientation = tag != null && tag >= 1 && tag <= 8 ? tag : null;
    }
    String captureTime =
        exif == null
            ? null
            : captureTime(
                exif.getString(ExifSubIFDDirectory.TAG_DATETIME_ORIGINAL),
                exif.getString(ExifSubIFDDirectory.TAG_SUBSECOND_TIME_ORIGINAL),
                exif.getString(ExifSubIFDDirectory.TAG_TIME_ZONE_ORIGINAL));

    Double latitude = null;
    Double longitude = null;
    Double altitude = null;
    GeoLocation location = gps == null ? null : gps.getGeoLocation();
    if (location != null && isPosition(location.getLatitude(), location.getLongitude())) {
      latitude = location.getLatitude();
      longitude = location.getLongitude();
      altitude = altitude(gps);
    }
    return new ExifData(captureTime, make, model, orientation, latitude, longitude, altitude);
  }

  /**
   * DateTimeOriginal as ISO-8601 local time. Cameras without a set clock write
   * "0000:00:00 00:00:00" or blanks: anything that is not a real date is left out.
   */
  static String captureTime(String dateTime, String subSeconds, String offset) {
    if (dateTime == null) {
      return null;
    }
    Matcher m = EXIF_DATE_TIME.matcher(dateTime.trim());
    if (!m.matches()) {
      return null;
    }
    LocalDateTime local;
    try {
      local = LocalDateTime.of(
          Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
          Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)));
    } catch (DateTimeException e) {
      return null;
    }
    if (subSeconds != null && DIGITS.matcher(subSeconds.trim()).matches()) {
      // SubSecTimeOriginal holds the digits after the decimal point: "5" is 0.5 s.
      String digits = (subSeconds.trim() + "000000000").substring(0, 9);
      local = local.withNano(Integer.parseInt(digits));
    }
    String text = DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(local);
    if (offset != null) {
      try {
        text += ZoneOffset.of(offset.trim()).getId();
      } catch (DateTimeException e) {
        // an unreadable offset leaves the local time, which the contract allows
      }
    }
    return text;
  }

  private static Double altitude(GpsDirectory gps) {
    Rational value = gps.getRational(GpsDirectory.TAG_ALTITUDE);
    if (value == null || value.getDenominator() == 0) {
      return null;
    }
    Integer ref = gps.getInteger(GpsDirectory.TAG_ALTITUDE_REF);
    double metres = value.doubleValue();
    return ref != null && ref == 1 ? -metres : metres;
  }

  private static boolean isPosition(double latitude, double longitude) {
    return Double.isFinite(latitude) && Double.isFinite(longitude)
        && Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180;
  }

  /** Trimmed; padding NULs removed; empty means absent. */
  private static String text(String value) {
    if (value == null) {
      return null;
    }
    String trimmed = value.replace('\0', ' ').trim();
    return trimmed.isEmpty() ? null : trimmed;
  }
}
