package io.imagestore.bridge.security;

import io.imagestore.bridge.security.VirtualPaths.NameNotAllowedException;

/**
 * Which file and folder names the bridge stores. A name travels into object keys, upload events,
 * the indexer and, in the end, people's screens and file systems, so names that only broken or
 * hostile clients send are refused up front (553) rather than stored:
 *
 * <ul>
 *   <li>control characters (C0, DEL, C1) — terminal and log injection;
 *   <li>bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E/U+200F, U+061C) — they make
 *       {@code gpj.exe} look like {@code exe.jpg} ("Trojan Source", CVE-2021-42574);
 *   <li>line and paragraph separators (U+2028, U+2029), the byte-order mark and zero-width spaces —
 *       a name that breaks lines or looks like another name;
 *   <li>names made only of spaces of any kind (U+0020, no-break spaces, ideographic space …), names
 *       that begin or end with one, and names ending with a dot: {@code " x.jpg"}, {@code "x.jpg "}
 *       and {@code "x.jpg."} alias {@code x.jpg} on some consumers' file systems;
 *   <li>names longer than {@value #MAX_NAME_BYTES} UTF-8 bytes (see there).
 * </ul>
 */
public final class FileNamePolicy {
  /**
   * The longest name, in UTF-8 bytes. POSIX file systems allow 255, but object stores on file
   * systems (the embedded S3 server) add a temporary suffix while writing: names of 219 bytes and
   * more failed there after the upload was published. 200 leaves room and is far beyond what
   * cameras send.
   */
  public static final int MAX_NAME_BYTES = 200;

  private FileNamePolicy() {}

  /** @throws NameNotAllowedException for a name (one path segment) the bridge does not store */
  public static void check(String name) throws NameNotAllowedException {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (isControl(c)) {
        throw new NameNotAllowedException("control characters are not allowed in names");
      }
      if (isBidiControl(c)) {
        throw new NameNotAllowedException("bidirectional text controls are not allowed in names (U+"
            + hex(c) + ")");
      }
      if (isInvisibleOrBreaking(c)) {
        throw new NameNotAllowedException("invisible or line-breaking characters are not allowed in names (U+"
            + hex(c) + ")");
      }
    }
    if (isSpace(name.charAt(0)) || isSpace(name.charAt(name.length() - 1)) || name.endsWith(".")) {
      throw new NameNotAllowedException("names may not begin or end with a space, or end with a dot");
    }
    if (VirtualPaths.utf8Length(name) > MAX_NAME_BYTES) {
      throw new NameNotAllowedException("name longer than " + MAX_NAME_BYTES + " bytes (UTF-8)");
    }
  }

  private static boolean isControl(char c) {
    return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0);
  }

  private static boolean isBidiControl(char c) {
    return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f
        || c == 0x061c;
  }

  private static boolean isInvisibleOrBreaking(char c) {
    return c == 0x2028 || c == 0x2029 || c == 0xfeff || c == 0x200b || c == 0x2060 || c == 0x180e;
  }

  /** Any space: ASCII, no-break (U+00A0, U+2007, U+202F), the U+2000 block, ideographic … */
  private static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  private static String hex(char c) {
    return String.format("%04X", (int) c);
  }
}
