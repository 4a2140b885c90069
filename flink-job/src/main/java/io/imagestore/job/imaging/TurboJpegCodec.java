package io.imagestore.job.imaging;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.NativeLongByReference;
import com.sun.jna.ptr.PointerByReference;
import io.imagestore.schemas.RejectReason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * JPEG decode with DCT-domain scaling and JPEG encode through TurboJPEG. Holds one decompressor,
 * one compressor and native buffers that only grow, so a steady stream of photos allocates no
 * native memory; not thread-safe — one per thread, {@link #close()} when done.
 *
 * <p>Native memory while a photo is processed: its scaled decode (3 bytes a pixel — 4.5 MB for
 * a 24 MP photo at 1/4, 72 MB decoded whole), the file, and the largest rendition (4 bytes a
 * pixel) with its encoded bound. Between photos at most {@link #RETAINED_BYTES} per buffer is
 * kept, so one huge original does not pin its buffers for the life of the job.
 */
final class TurboJpegCodec implements AutoCloseable {

  /** The header as TurboJPEG reads it. */
  record Header(int width, int height, int colorspace) {
    /** Colour spaces decoded here; CMYK and YCCK keep ImageIO's conversion. */
    boolean decodable() {
      return colorspace == TurboJpegLibrary.TJCS_YCBCR
          || colorspace == TurboJpegLibrary.TJCS_GRAY
          || colorspace == TurboJpegLibrary.TJCS_RGB;
    }
  }

  /** Enough for a 24 MP photo's scaled decode and file, and a 1280 px rendition. */
  static final long RETAINED_BYTES = 16L << 20;

  private final TurboJpegLibrary tj;
  private final Pointer decompressor;
  private final Pointer compressor;
  private Memory file = new Memory(1);
  private long fileSize;
  private Memory pixels = new Memory(1);
  private Memory encodeSource = new Memory(1);
  private Memory encoded = new Memory(1);

  TurboJpegCodec(TurboJpegLibrary tj) {
    this.tj = tj;
    this.decompressor = tj.tjInitDecompress();
    this.compressor = tj.tjInitCompress();
    if (decompressor == null || compressor == null) {
      throw new IllegalStateException("TurboJPEG could not create its handles");
    }
  }

  /**
   * Loads the file {@code jpeg} for {@link #header()} and {@link #decode}, read straight into the
   * native buffer: no file-sized array on the heap for each photo (one was 12 % of all the bytes
   * the pipeline bench allocated, a G1 humongous object every time).
   */
  void load(Path jpeg) throws IOException {
    try (FileChannel channel = FileChannel.open(jpeg, StandardOpenOption.READ)) {
      long size = channel.size();
      long capacity = Math.max(1, size); // JNA allocates no empty Memory
      file = atLeast(file, capacity);
      ByteBuffer target = file.getByteBuffer(0, capacity).limit((int) size);
      while (target.hasRemaining() && channel.read(target) >= 0) {
        // a file that shrinks meanwhile ends the loop at end of stream
      }
      fileSize = target.position();
    }
  }

  Header header() throws ImageRejectedException {
    IntByReference w = new IntByReference();
    IntByReference h = new IntByReference();
    IntByReference subsampling = new IntByReference();
    IntByReference colorspace = new IntByReference();
    if (tj.tjDecompressHeader3(decompressor, file, new NativeLong(fileSize), w, h, subsampling,
        colorspace) != 0) {
      throw new ImageRejectedException(RejectReason.CORRUPT,
          "TurboJPEG cannot read the JPEG header: " + tj.tjGetErrorStr2(decompressor));
    }
    return new Header(w.getValue(), h.getValue(), colorspace.getValue());
  }

  /**
   * Decodes the loaded JPEG scaled to {@code scaledWidth × scaledHeight} (one of TurboJPEG's
   * scaling factors applied to the header size) as RGB rows, valid until the next call.
   *
   * @throws ImageRejectedException TRUNCATED or CORRUPT from libjpeg's warnings, as the ImageIO
   *     path classifies them
   */
  RgbRows decode(int scaledWidth, int scaledHeight) throws ImageRejectedException {
    long bytes = 3L * scaledWidth * scaledHeight;
    pixels = atLeast(pixels, bytes);
    int status = tj.tjDecompress2(decompressor, file, new NativeLong(fileSize), pixels,
        scaledWidth, 0, scaledHeight, TurboJpegLibrary.TJPF_RGB, 0);
    if (status != 0) {
      String message = tj.tjGetErrorStr2(decompressor);
      boolean warning = tj.tjGetErrorCode(decompressor) == TurboJpegLibrary.TJERR_WARNING;
      RejectReason reason = ImageDecoder.reasonFromWarnings(List.of(message));
      if (reason != null || !warning) {
        throw new ImageRejectedException(reason != null ? reason : RejectReason.CORRUPT,
            "jpeg decoder: " + message);
      }
    }
    return RgbRows.ofRgbBytes(pixels.getByteBuffer(0, bytes), scaledWidth, scaledHeight);
  }

  /** Baseline 4:2:0 JPEG of packed {@code 0xRRGGBB} pixels, as ImageIO's default writes it. */
  byte[] encode(int[] rgb, int width, int height, int quality) {
    long sourceBytes = 4L * width * height;
    encodeSource = atLeast(encodeSource, sourceBytes);
    encodeSource.write(0, rgb, 0, width * height);
    long bound = tj.tjBufSize(width, height, TurboJpegLibrary.TJSAMP_420).longValue();
    encoded = atLeast(encoded, bound);
    // An int 0xRRGGBB is B, G, R, 0 in little-endian memory.
    int format = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN
        ? TurboJpegLibrary.TJPF_BGRX : TurboJpegLibrary.TJPF_XRGB;
    PointerByReference out = new PointerByReference(encoded);
    NativeLongByReference size = new NativeLongByReference(new NativeLong(bound));
    if (tj.tjCompress2(compressor, encodeSource, width, 0, height, format, out, size,
        TurboJpegLibrary.TJSAMP_420, quality, TurboJpegLibrary.TJFLAG_NOREALLOC) != 0) {
      throw new IllegalStateException("TurboJPEG cannot encode: " + tj.tjGetErrorStr2(compressor));
    }
    return encoded.getByteArray(0, (int) size.getValue().longValue());
  }

  /** Frees any buffer larger than {@link #RETAINED_BYTES}; called after each photo. */
  void trim() {
    file = trimmed(file);
    pixels = trimmed(pixels);
    encodeSource = trimmed(encodeSource);
    encoded = trimmed(encoded);
  }

  /** Native bytes held now. */
  long nativeBytes() {
    return file.size() + pixels.size() + encodeSource.size() + encoded.size();
  }

  private static Memory trimmed(Memory memory) {
    if (memory.size() <= RETAINED_BYTES) {
      return memory;
    }
    memory.close();
    return new Memory(1);
  }

  private static Memory atLeast(Memory memory, long bytes) {
    if (memory.size() >= bytes) {
      return memory;
    }
    memory.close();
    // A quarter more than asked, so that a slowly growing series of sizes reallocates rarely.
    return new Memory(Math.max(bytes, bytes + bytes / 4));
  }

  @Override
  public void close() {
    tj.tjDestroy(decompressor);
    tj.tjDestroy(compressor);
    file.close();
    pixels.close();
    encodeSource.close();
    encoded.close();
  }
}
