package io.imagestore.bridge.upload;

import java.util.Locale;
import java.util.Map;

/** The event's content type, guessed from the file name; the job detects the real format from the bytes. */
public final class ContentTypes {
  public static final String UNKNOWN = "application/octet-stream";

  private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
      Map.entry("jpg", "image/jpeg"),
      Map.entry("jpeg", "image/jpeg"),
      Map.entry("jpe", "image/jpeg"),
      Map.entry("png", "image/png"),
      Map.entry("gif", "image/gif"),
      Map.entry("bmp", "image/bmp"),
      Map.entry("webp", "image/webp"),
      Map.entry("tif", "image/tiff"),
      Map.entry("tiff", "image/tiff"),
      Map.entry("heic", "image/heic"),
      Map.entry("heif", "image/heif"),
      Map.entry("avif", "image/avif"),
      Map.entry("dng", "image/x-adobe-dng"),
      Map.entry("cr2", "image/x-canon-cr2"),
      Map.entry("nef", "image/x-nikon-nef"),
      Map.entry("arw", "image/x-sony-arw"));

  private ContentTypes() {}

  public static String forName(String fileName) {
    int dot = fileName.lastIndexOf('.');
    if (dot < 0 || dot == fileName.length() - 1) {
      return UNKNOWN;
    }
    return BY_EXTENSION.getOrDefault(fileName.substring(dot + 1).toLowerCase(Locale.ROOT), UNKNOWN);
  }
}
