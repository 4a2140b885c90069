package io.imagestore.job.imaging;

import java.util.Locale;
import java.util.Optional;

/** Image container formats recognised from their magic bytes, whatever the file is named. */
public enum ImageFormat {
  JPEG("jpeg"),
  PNG("png"),
  GIF("gif"),
  BMP("bmp"),
  WEBP("webp"),
  TIFF("tiff");

  /** How many leading bytes {@link #detect} looks at; fewer are fine for a short file. */
  public static final int SIGNATURE_BYTES = 32;

  private static final byte[] PNG_SIGNATURE = {
    (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'
  };

  private final String imageIoName;

  ImageFormat(String imageIoName) {
    this.imageIoName = imageIoName;
  }

  /**
   * The format whose signature starts {@code head} (the file's first bytes, ideally at least 16),
   * or empty when none matches — e.g. a text file named {@code .jpg}.
   */
  public static Optional<ImageFormat> detect(byte[] head) {
    if (startsWith(head, 0xFF, 0xD8, 0xFF)) {
      return Optional.of(JPEG);
    }
    if (startsWith(head, PNG_SIGNATURE)) {
      return Optional.of(PNG);
    }
    if (startsWith(head, 'G', 'I', 'F', '8') && head.length >= 6
        && (head[4] == '7' || head[4] == '9') && head[5] == 'a') {
      return Optional.of(GIF);
    }
    if (startsWith(head, 'R', 'I', 'F', 'F') && head.length >= 12
        && head[8] == 'W' && head[9] == 'E' && head[10] == 'B' && head[11] == 'P') {
      return Optional.of(WEBP);
    }
    // Classic TIFF (42) and BigTIFF (43), either byte order.
    if (startsWith(head, 'I', 'I', 42, 0) || startsWith(head, 'M', 'M', 0, 42)
        || startsWith(head, 'I', 'I', 43, 0) || startsWith(head, 'M', 'M', 0, 43)) {
      return Optional.of(TIFF);
    }
    if (looksLikeBmp(head)) {
      return Optional.of(BMP);
    }
    return Optional.empty();
  }

  /** The name the image-metadata contract uses for this format ({@code original.format}). */
  public String contractName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The format name ImageIO registers its reader under. */
  String imageIoName() {
    return imageIoName;
  }

  /**
   * "BM" alone is two printable letters, so plain text could start with it: also require the two
   * reserved header words to be zero and, when present, a known DIB header size.
   */
  private static boolean looksLikeBmp(byte[] head) {
    if (!startsWith(head, 'B', 'M') || head.length < 10) {
      return false;
    }
    for (int i = 6; i < 10; i++) {
      if (head[i] != 0) {
        return false;
      }
    }
    if (head.length < 18) {
      return true;
    }
    long dibSize = (head[14] & 0xFFL) | (head[15] & 0xFFL) << 8
        | (head[16] & 0xFFL) << 16 | (head[17] & 0xFFL) << 24;
    return dibSize == 12 || dibSize == 16 || dibSize == 40 || dibSize == 52 || dibSize == 56
        || dibSize == 64 || dibSize == 108 || dibSize == 124;
  }

  private static boolean startsWith(byte[] head, int... prefix) {
    if (head.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((head[i] & 0xFF) != (prefix[i] & 0xFF)) {
        return false;
      }
    }
    return true;
  }

  private static boolean startsWith(byte[] head, byte[] prefix) {
    if (head.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (head[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
