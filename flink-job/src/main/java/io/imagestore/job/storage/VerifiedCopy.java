package io.imagestore.job.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Copies a download to a file while hashing it, and refuses bytes other than the expected ones. */
final class VerifiedCopy {

  private VerifiedCopy() {}

  /** @throws OriginalMismatchException when the bytes differ in size or SHA-256 from the expected ones */
  static void copy(InputStream in, Path target, long size, String sha256) throws IOException {
    MessageDigest digest = sha256();
    long copied = 0;
    byte[] buffer = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(target)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        copied += n;
        if (copied > size) {
          // No need to read on: a longer object is not the upload.
          throw new OriginalMismatchException("the object has more than the " + size + " bytes the upload event says");
        }
        digest.update(buffer, 0, n);
        out.write(buffer, 0, n);
      }
    }
    if (copied != size) {
      throw new OriginalMismatchException("the object has " + copied + " bytes, the upload event says " + size);
    }
    String actual = HexFormat.of().formatHex(digest.digest());
    if (!actual.equals(sha256)) {
      throw new OriginalMismatchException("the object's SHA-256 is " + actual + ", the upload event says " + sha256);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JRE has SHA-256", e);
    }
  }

}
