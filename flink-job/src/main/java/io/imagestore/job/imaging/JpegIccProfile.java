package io.imagestore.job.imaging;

import java.awt.color.ICC_Profile;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * The ICC profile a JPEG carries in its APP2 {@code ICC_PROFILE} segments (numbered chunks of at
 * most 64 KiB, so at most 16 MiB in all), for the TurboJPEG path, which decodes samples without
 * colour management. Read by walking the segments before the first scan, like {@link
 * JpegHeader}.
 */
final class JpegIccProfile {

  private static final byte[] SIGNATURE = {'I', 'C', 'C', '_', 'P', 'R', 'O', 'F', 'I', 'L', 'E', 0};

  private JpegIccProfile() {}

  /**
   * The profile, or empty when the file has none, or one whose chunks are missing, duplicated or
   * unreadable (the ImageIO path then decides what the file is worth).
   */
  static Optional<ICC_Profile> read(Path file) throws IOException {
    byte[][] chunks = null;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 16 * 1024)) {
      DataInputStream data = new DataInputStream(in);
      if (data.readUnsignedByte() != 0xFF || data.readUnsignedByte() != 0xD8) {
        return Optional.empty();
      }
      while (true) {
        int b = data.readUnsignedByte();
        while (b != 0xFF) {
          b = data.readUnsignedByte();
        }
        while (b == 0xFF) {
          b = data.readUnsignedByte();
        }
        int marker = b;
        if (marker == 0xDA || marker == 0xD9) {
          break;
        }
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
          continue;
        }
        int length = data.readUnsignedShort() - 2;
        if (length < 0) {
          return Optional.empty();
        }
        if (marker == 0xE2 && length > SIGNATURE.length + 2) {
          byte[] payload = data.readNBytes(length);
          if (payload.length < length) {
            return Optional.empty();
          }
          if (Arrays.equals(payload, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
            int sequence = payload[SIGNATURE.length] & 0xFF;
            int count = payload[SIGNATURE.length + 1] & 0xFF;
            if (chunks == null) {
              chunks = new byte[Math.max(1, count)][];
            }
            if (sequence < 1 || sequence > chunks.length || count != chunks.length
                || chunks[sequence - 1] != null) {
              return Optional.empty();
            }
            chunks[sequence - 1] =
                Arrays.copyOfRange(payload, SIGNATURE.length + 2, payload.length);
          }
        } else {
          data.skipNBytes(length);
        }
      }
    } catch (EOFException e) {
      return Optional.empty();
    }
    if (chunks == null) {
      return Optional.empty();
    }
    ByteArrayOutputStream profile = new ByteArrayOutputStream();
    for (byte[] chunk : chunks) {
      if (chunk == null) {
        return Optional.empty();
      }
      profile.writeBytes(chunk);
    }
    try {
      return Optional.of(ICC_Profile.getInstance(profile.toByteArray()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
