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
 * Structural checks that catch truncated files the decoders would read without complaint or
 * report as something else: the PNG reader never looks for IEND, the BMP reader fills missing
 * rows with zeros when subsampling, the TIFF reader calls a cut-off directory a bad segment.
 * They read a few bytes per chunk (or header) — never the pixel data.
 */
final class ContainerIntegrity {

  private static final int GIF_TRAILER = 0x3B;
  private static final int TIFF_STRIP_OFFSETS = 273;
  private static final int TIFF_STRIP_BYTE_COUNTS = 279;
  private static final int TIFF_TILE_OFFSETS = 324;
  private static final int TIFF_TILE_BYTE_COUNTS = 325;

  private ContainerIntegrity() {}

  static void verify(Path file, ImageFormat format, long size) throws ImageRejectedException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      switch (format) {
        case PNG -> verifyPngChunks(channel, size);
        case BMP -> verifyBmpLength(channel, size);
        case TIFF -> verifyTiffDirectory(channel, size);
        default -> {
          // JPEG truncation shows in the decoder's warnings; the GIF decoder hits the end.
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

  /**
   * The first image file directory, and the strips or tiles it points to, must lie within the
   * file. The TIFF reader reports either being cut off only as "Data segment out of stream" while
   * reading the header — indistinguishable from a corrupt offset without looking.
   */
  private static void verifyTiffDirectory(FileChannel channel, long size)
      throws IOException, ImageRejectedException {
    ByteBuffer header = ByteBuffer.allocate(8);
    if (readFully(channel, header, 0) < 8) {
      throw truncated("the TIFF file ends inside its header");
    }
    ByteOrder order = header.get(0) == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
    header.order(order);
    if (header.getShort(2) != 42) {
      return; // BigTIFF: refused by the decoder as unsupported
    }
    long directory = header.getInt(4) & 0xFFFFFFFFL;
    ByteBuffer count = ByteBuffer.allocate(2).order(order);
    if (directory + 2 > size || readFully(channel, count, directory) < 2) {
      throw truncated("the TIFF file ends before its image directory at " + directory);
    }
    int entries = count.getShort(0) & 0xFFFF;
    long end = directory + 2 + 12L * entries + 4;
    if (end > size) {
      throw truncated("the TIFF file ends inside its image directory (needs " + end
          + " bytes, has " + size + ")");
    }
    ByteBuffer table = ByteBuffer.allocate(12 * entries).order(order);
    readFully(channel, table, directory + 2);
    long[] offsets = null;
    long[] lengths = null;
    for (int i = 0; i < entries; i++) {
      int tag = table.getShort(12 * i) & 0xFFFF;
      if (tag == TIFF_STRIP_OFFSETS || tag == TIFF_TILE_OFFSETS) {
        offsets = tiffValues(channel, table, 12 * i, size);
      } else if (tag == TIFF_STRIP_BYTE_COUNTS || tag == TIFF_TILE_BYTE_COUNTS) {
        lengths = tiffValues(channel, table, 12 * i, size);
      }
    }
    if (offsets == null || lengths == null) {
      return; // the decoder will say what is missing
    }
    for (int i = 0; i < Math.min(offsets.length, lengths.length); i++) {
      if (offsets[i] + lengths[i] > size) {
        throw truncated("the TIFF file ends inside its image data (segment " + i + " needs "
            + (offsets[i] + lengths[i]) + " bytes, the file has " + size + ")");
      }
    }
  }

  /** The SHORT or LONG values of a directory entry; null for other types or bad offsets. */
  private static long[] tiffValues(FileChannel channel, ByteBuffer table, int entry, long size)
      throws IOException {
    int type = table.getShort(entry + 2) & 0xFFFF;
    long n = table.getInt(entry + 4) & 0xFFFFFFFFL;
    int width = type == 3 ? 2 : type == 4 ? 4 : 0;
    if (width == 0 || n == 0 || n * width > Math.min(size, 64L * 1024 * 1024)) {
      return null;
    }
    ByteBuffer values;
    if (n * width <= 4) {
      values = table.duplicate().order(table.order()).position(entry + 8).slice()
          .order(table.order());
    } else {
      long at = table.getInt(entry + 8) & 0xFFFFFFFFL;
      values = ByteBuffer.allocate((int) (n * width)).order(table.order());
      if (readFully(channel, values, at) < values.capacity()) {
        return null; // the values themselves lie outside: the decoder reports it
      }
    }
    long[] result = new long[(int) n];
    for (int i = 0; i < n; i++) {
      result[i] = width == 2 ? values.getShort(i * 2) & 0xFFFF : values.getInt(i * 4) & 0xFFFFFFFFL;
    }
    return result;
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
