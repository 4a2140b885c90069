package io.imagestore.bridge.security;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Path rules of an account's FTP namespace. Paths are resolved against the working directory to a
 * normalized absolute path inside the account's root ({@code /}). Unlike a chroot that silently
 * clamps {@code /../..} to {@code /}, anything that tries to leave the root is refused (550), as are
 * backslashes and drive letters. Names that {@link FileNamePolicy} refuses (control characters,
 * invisible or spoofing characters, over-long names) are refused with 553.
 */
public final class VirtualPaths {
  /** A guard on the raw argument before it is parsed; the store's own limit is checked later. */
  public static final int MAX_PATH_LENGTH = 1024;

  private VirtualPaths() {}

  /** Thrown for a path the account may not use; the FTP reply is 550. */
  public static class RejectedPathException extends Exception {
    private static final long serialVersionUID = 1L;

    public RejectedPathException(String message) {
      super(message);
    }
  }

  /** A name the bridge will not store whatever the account: the FTP reply is 553. */
  public static final class NameNotAllowedException extends RejectedPathException {
    private static final long serialVersionUID = 1L;

    public NameNotAllowedException(String message) {
      super(message);
    }
  }

  /**
   * @param cwd the normalized working directory
   * @param arg the client's argument, relative or starting with {@code /}
   * @return the normalized absolute path ({@code /} for the root, never a trailing slash otherwise)
   */
  public static String resolve(String cwd, String arg) throws RejectedPathException {
    if (arg == null || arg.isEmpty()) {
      return cwd;
    }
    if (arg.length() > MAX_PATH_LENGTH) {
      throw new RejectedPathException("path too long");
    }
    for (int i = 0; i < arg.length(); i++) {
      char c = arg.charAt(i);
      if (c == '\\') {
        throw new RejectedPathException("backslashes are not allowed in names");
      }
    }
    if (arg.length() >= 2 && arg.charAt(1) == ':' && Character.isLetter(arg.charAt(0))) {
      throw new RejectedPathException("drive letters are not allowed");
    }
    Deque<String> segments = new ArrayDeque<>();
    if (!arg.startsWith("/")) {
      for (String s : cwd.split("/")) {
        if (!s.isEmpty()) {
          segments.addLast(s);
        }
      }
    }
    for (String s : arg.split("/")) {
      if (s.isEmpty() || s.equals(".")) {
        continue;
      }
      if (s.equals("..")) {
        if (segments.isEmpty()) {
          throw new RejectedPathException("path leaves the home directory");
        }
        segments.removeLast();
        continue;
      }
      FileNamePolicy.check(s);
      segments.addLast(s);
    }
    return segments.isEmpty() ? "/" : "/" + String.join("/", segments);
  }

  /** UTF-8 bytes of {@code s}: what object keys and file systems count. */
  public static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  public static String parent(String path) {
    int i = path.lastIndexOf('/');
    return i <= 0 ? "/" : path.substring(0, i);
  }

  public static String name(String path) {
    return path.equals("/") ? "/" : path.substring(path.lastIndexOf('/') + 1);
  }
}
