package io.imagestore.job.imaging;

import io.imagestore.schemas.RejectReason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Structural checks that catch truncated files the decoders would read without complaint: the
 * PNG reader never looks for IEND and the BMP reader fills missing rows with zeros when
 * subsampling. They read a few bytes per chunk (or header) — never the pixel data.
 */
final class ContainerIntegrity {

  private static final int GIF_TRAILER = 0x3B;

  private ContainerIntegrity() {}

  static void verify(Path file, ImageFormat format, long size) throws ImageRejectedException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      switch (format) {
        case PNG -> verifyPngChunks(channel, size);
        case BMP -> verifyBmpLength(channel, size);
        default -> {
          // JPEG truncation shows in the decoder's warnings; TIFF and GIF decoders hit the end.
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * Whether a GIF lacks its trailer byte. Only asked after its decoder failed: the GIF reader
   * reports a truncated file as a bad LZW block rather than as the end of the file.
   */
  static boolean gifLacksTrailer(Path file) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size == 0) {
        return true;
      }
      ByteBuffer last = ByteBuffer.allocate(1);
      channel.read(last, size - 1);
      return (last.get(0) & 0xFF) != GIF_TRAILER;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Walks the chunk list: it must reach IEND within the file, with image data before it. */
  private static void verifyPngChunks(FileChannel channel, long size)
      throws IOException, ImageRejectedException {
    long position = 8; // after the signature
    boolean sawImageData = false;
    ByteBuffer header = ByteBuffer.allocate(8);
    while (true) {
      header.clear();
      if (readFully(channel, header, position) < 8) {
        throw truncated("the PNG file ends before its IEND chunk");
      }
      long length = header.getInt(0) & 0xFFFFFFFFL;
      String type = new String(header.array(), 4, 4, StandardCharsets.ISO_8859_1);
      if (length > Integer.MAX_VALUE) {
        throw new ImageRejectedException(
            RejectReason.CORRUPT, "PNG chunk " + type + " has an invalid length " + length);
      }
      if ("IEND".equals(type)) {
        if (!sawImageData) {
          throw truncated("the PNG file has no image data (IDAT) before IEND");
        }
        return;
      }
      sawImageData |= "IDAT".equals(type);
      position += 8 + length + 4; // header, data, CRC
      if (position > size) {
        throw truncated("the PNG file ends inside its " + type + " chunk");
      }
    }
  }

  /** The header's declared file size and, for uncompressed bitmaps, the pixel array size. */
  private static void verifyBmpLength(FileChannel channel, long size)
      throws IOException, ImageRejectedException {
    ByteBuffer header = ByteBuffer.allocate(34).order(ByteOrder.LITTLE_ENDIAN);
    int read = readFully(channel, header, 0);
    if (read < 18) {
      throw truncated("the BMP file ends inside its header");
    }
    long declared = header.getInt(2) & 0xFFFFFFFFL;
    if (declared > size) {
      throw truncated("the BMP header declares " + declared + " bytes, the file has " + size);
    }
    long dibSize = header.getInt(14) & 0xFFFFFFFFL;
    if (dibSize < 40 || read < 34) {
      return;
    }
    long pixelOffset = header.getInt(10) & 0xFFFFFFFFL;
    long width = Math.abs((long) header.getInt(18));
    long height = Math.abs((long) header.getInt(22));
    int bitsPerPixel = header.getShort(28) & 0xFFFF;
    long compression = header.getInt(30) & 0xFFFFFFFFL;
    boolean uncompressed = compression == 0 || compression == 3; // BI_RGB, BI_BITFIELDS
    if (uncompressed && bitsPerPixel > 0) {
      long stride = (bitsPerPixel * width + 31) / 32 * 4;
      long needed = pixelOffset + stride * height;
      if (needed > size) {
        throw truncated("the BMP pixel data needs " + needed + " bytes, the file has " + size);
      }
    }
  }

  private static int readFully(FileChannel channel, ByteBuffer buffer, long position)
      throws IOException {
    int total = 0;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, position + total);
      if (n < 0) {
        break;
      }
      total += n;
    }
    return total;
  }

  private static ImageRejectedException truncated(String message) {
    return new ImageRejectedException(RejectReason.TRUNCATED, message);
  }
}
