package io.imagestore.job.imaging;

import io.imagestore.schemas.RejectReason;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one image file with ImageIO: header dimensions first (cheap, before any pixel buffer
 * exists), then a subsampled decode into an opaque RGB image.
 *
 * <p>ImageIO reports a truncated JPEG only as a warning and returns an image whose missing part
 * is grey; this class listens for those warnings and turns them into rejects. Every decoder
 * failure becomes an {@link ImageRejectedException}; only failures to read the local file itself
 * escape as {@link UncheckedIOException} — they are the machine's problem, not the image's.
 */
final class ImageDecoder implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ImageDecoder.class);

  private final Path file;
  private final ImageFormat format;
  private final ImageReader reader;
  private final ImageInputStream input;
  private final JpegHeader jpegHeader;
  private final List<String> warnings = new ArrayList<>();

  private ImageDecoder(
      Path file, ImageFormat format, ImageReader reader, ImageInputStream input, JpegHeader jpeg) {
    this.file = file;
    this.format = format;
    this.reader = reader;
    this.input = input;
    this.jpegHeader = jpeg;
    reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
  }

  /**
   * A decoder for {@code file}, whose signature says it is {@code format}.
   *
   * @throws ImageRejectedException {@code UNSUPPORTED_FORMAT} when no installed ImageIO reader
   *     handles this format or this variant of it (WebP on a plain JDK, BigTIFF);
   *     {@code TRUNCATED} when a JPEG ends inside its headers
   */
  static ImageDecoder open(Path file, ImageFormat format) throws ImageRejectedException {
    JpegHeader jpeg = format == ImageFormat.JPEG ? readJpegHeader(file) : null;
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoName());
    if (!readers.hasNext()) {
      throw new ImageRejectedException(
          RejectReason.UNSUPPORTED_FORMAT,
          "no decoder for " + format.contractName() + " images is installed");
    }
    ImageReader reader = readers.next();
    ImageInputStream input = null;
    try {
      input = new FileImageInputStream(file.toFile());
      if (!reader.getOriginatingProvider().canDecodeInput(input)) {
        throw new ImageRejectedException(
            RejectReason.UNSUPPORTED_FORMAT,
            "the " + format.contractName() + " decoder does not read this variant of the format");
      }
      // seekForwardOnly: only image 0 is read. Metadata stays on for JPEG only: its reader needs
      // it for embedded ICC profiles, without which wide-gamut photos come out dull, and a JPEG
      // segment is at most 64 KiB. Other readers would inflate PNG zTXt/iTXt/iCCP chunks without
      // a bound (a 4 MB chunk can inflate to 4 GiB), so they never read metadata.
      reader.setInput(input, true, format != ImageFormat.JPEG);
      ImageDecoder decoder = new ImageDecoder(file, format, reader, input, jpeg);
      input = null;
      return decoder;
    } catch (IOException e) {
      reader.dispose();
      throw new UncheckedIOException("cannot open " + file, e);
    } catch (ImageRejectedException | RuntimeException e) {
      reader.dispose();
      throw e;
    } finally {
      closeQuietly(input);
    }
  }

  private static JpegHeader readJpegHeader(Path file) throws ImageRejectedException {
    JpegHeader header;
    try {
      header = JpegHeader.read(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    if (header.endedEarly()) {
      throw new ImageRejectedException(
          RejectReason.TRUNCATED, "the JPEG file ends inside its headers, before any image data");
    }
    if (!header.reachedScan() || header.components() == 0) {
      throw new ImageRejectedException(
          RejectReason.CORRUPT, "the JPEG file has no frame header or no image data");
    }
    return header;
  }

  /** Width and height as encoded, from the header only. */
  PixelSize dimensions() throws ImageRejectedException {
    try {
      int width = reader.getWidth(0);
      int height = reader.getHeight(0);
      if (width < 1 || height < 1) {
        throw new ImageRejectedException(
            RejectReason.CORRUPT, "the header declares a " + width + "x" + height + " image");
      }
      return new PixelSize(width, height);
    } catch (IOException | RuntimeException e) {
      throw failure("cannot read the " + format.contractName() + " header", e);
    }
  }

  /**
   * Heap a {@link #decodeDisplayed} call with these arguments takes: every row of the region's
   * columns is decoded (see there), at the reader's bytes per pixel, then copied into RGB.
   */
  long decodeBytes(Rectangle region, int factor, int fullHeight) throws ImageRejectedException {
    long columns = SourceSubsampling.decodedLength(region.width, factor);
    long rows = SourceSubsampling.decodedLength(fullHeight, factor);
    long outputRows = SourceSubsampling.decodedLength(region.height, factor);
    return columns * rows * bytesPerDecodedPixel() + columns * outputRows * Integer.BYTES;
  }

  private int bytesPerDecodedPixel() throws ImageRejectedException {
    try {
      ImageTypeSpecifier type = reader.getRawImageType(0);
      if (type == null) {
        Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
        type = types.hasNext() ? types.next() : null;
      }
      if (type == null) {
        return Long.BYTES; // unknown layout: assume the widest common one, 16-bit RGBA
      }
      int bits = 0;
      for (int size : type.getSampleModel().getSampleSize()) {
        bits += size;
      }
      return Math.max(1, (bits + 7) / 8);
    } catch (IOException | RuntimeException e) {
      throw failure("cannot read the " + format.contractName() + " header", e);
    }
  }

  /**
   * Decodes {@code region} (encoded coordinates) keeping every {@code factor}-th pixel and row,
   * into an opaque RGB image of {@code ceil(region.width / factor)} by
   * {@code ceil(region.height / factor)} pixels, turned by {@code orientation} (so with width and
   * height swapped for orientations 5–8).
   *
   * <p>All rows of the image are decoded, not only the region's: a JPEG reader stops after the
   * region's last row and so would never see that the file is truncated further down. The rows
   * outside the region are dropped while converting to RGB; the subsampling grid is offset so
   * that the region's first row is on it.
   */
  BufferedImage decodeDisplayed(
      Rectangle region, int factor, int fullHeight, Orientation orientation)
      throws ImageRejectedException {
    ImageReadParam param = reader.getDefaultReadParam();
    param.setSourceRegion(new Rectangle(region.x, 0, region.width, fullHeight));
    param.setSourceSubsampling(factor, factor, 0, region.y % factor);
    int firstRow = region.y / factor;
    int rows = SourceSubsampling.decodedLength(region.height, factor);
    warnings.clear();
    try {
      if (jpegHeader != null && jpegHeader.isFourComponent()) {
        // Raw samples, one conversion path for all four-component files: JDK 17's own CMYK
        // handling renders CMYK without an Adobe segment black (it assumes inverted samples),
        // and older JDKs refuse these files ("Unsupported Image Type").
        Raster raster = reader.readRaster(0, param);
        checkWarnings();
        int kept = fittingRows(raster.getHeight(), firstRow, rows);
        return RgbImages.fromFourComponentRaster(
            raster, jpegHeader.adobeTransform(), firstRow, kept, orientation);
      }
      BufferedImage decoded = reader.read(0, param);
      checkWarnings();
      return RgbImages.flattenRows(
          decoded, firstRow, fittingRows(decoded.getHeight(), firstRow, rows), orientation);
    } catch (IOException | RuntimeException e) {
      throw failure("cannot decode the " + format.contractName() + " data", e);
    }
  }

  /**
   * As {@link #decodeDisplayed}, but as stored (no orientation) and without a converting copy
   * when the decoder's own image is plain 8-bit sRGB (the usual JPEG): the rows are read by the
   * resize straight out of it. The window is the region in the returned rows' coordinates.
   */
  DecodedRegion decodeStored(Rectangle region, int factor, int fullHeight)
      throws ImageRejectedException {
    if (jpegHeader != null && jpegHeader.isFourComponent()) {
      BufferedImage rgb = decodeDisplayed(region, factor, fullHeight, Orientation.NORMAL);
      return DecodedRegion.whole(RgbRows.ofImage(rgb, 0, rgb.getHeight()), region, factor);
    }
    ImageReadParam param = reader.getDefaultReadParam();
    param.setSourceRegion(new Rectangle(region.x, 0, region.width, fullHeight));
    param.setSourceSubsampling(factor, factor, 0, region.y % factor);
    int firstRow = region.y / factor;
    int rows = SourceSubsampling.decodedLength(region.height, factor);
    warnings.clear();
    try {
      BufferedImage decoded = reader.read(0, param);
      checkWarnings();
      int kept = fittingRows(decoded.getHeight(), firstRow, rows);
      if (RgbRows.readsDirectly(decoded)) {
        return new DecodedRegion(RgbRows.ofImage(decoded, firstRow, kept),
            0, 0, (double) region.width / factor, Math.min(kept, (double) region.height / factor));
      }
      BufferedImage rgb = RgbImages.flattenRows(decoded, firstRow, kept, Orientation.NORMAL);
      return new DecodedRegion(RgbRows.ofImage(rgb, 0, kept),
          0, 0, (double) region.width / factor, Math.min(kept, (double) region.height / factor));
    } catch (IOException | RuntimeException e) {
      throw failure("cannot decode the " + format.contractName() + " data", e);
    }
  }

  JpegHeader jpegHeader() {
    return jpegHeader;
  }

  private int fittingRows(int decodedHeight, int firstRow, int rows) throws ImageRejectedException {
    int available = decodedHeight - firstRow;
    if (available < 1) {
      throw new ImageRejectedException(
          RejectReason.CORRUPT,
          "the decoder returned " + decodedHeight + " rows, fewer than the header declares");
    }
    return Math.min(rows, available);
  }

  /** libjpeg reports damage as warnings and carries on; see the class comment. */
  private void checkWarnings() throws ImageRejectedException {
    RejectReason reason = reasonFromWarnings();
    if (reason != null) {
      throw new ImageRejectedException(
          reason, format.contractName() + " decoder: " + String.join("; ", warnings));
    }
    if (!warnings.isEmpty() && LOG.isDebugEnabled()) {
      LOG.debug("{}: ignored decoder warnings {}", file.getFileName(), warnings);
    }
  }

  /**
   * Truncation: "Premature end of JPEG file", "Corrupt JPEG data: premature end of data
   * segment", "Truncated File - Missing EOI marker" (wording varies with the libjpeg build).
   * Other "Corrupt JPEG data" warnings (bad Huffman codes …) mean visibly damaged pixels —
   * except "extraneous bytes before marker", which many cameras produce in intact files.
   */
  private RejectReason reasonFromWarnings() {
    return reasonFromWarnings(warnings);
  }

  /** The reject libjpeg's {@code warnings} mean, or null when they leave the pixels intact. */
  static RejectReason reasonFromWarnings(List<String> warnings) {
    RejectReason reason = null;
    for (String warning : warnings) {
      String w = warning.toLowerCase(Locale.ROOT);
      if (w.contains("premature end") || w.contains("truncated") || w.contains("missing eoi")) {
        return RejectReason.TRUNCATED;
      }
      if (w.startsWith("corrupt jpeg data") && !w.contains("extraneous bytes")) {
        reason = RejectReason.CORRUPT;
      }
    }
    return reason;
  }

  private ImageRejectedException failure(String what, Throwable e) {
    String detail = what + ": " + describe(e);
    if (causedByEndOfFile(e)
        || reasonFromWarnings() == RejectReason.TRUNCATED
        || (format == ImageFormat.GIF && ContainerIntegrity.gifLacksTrailer(file))) {
      return new ImageRejectedException(
          RejectReason.TRUNCATED, detail + " (the file ends early)", e);
    }
    return new ImageRejectedException(RejectReason.CORRUPT, detail, e);
  }

  private static boolean causedByEndOfFile(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof EOFException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static String describe(Throwable e) {
    StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
      String message = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
      text.append(" <- ").append(message);
    }
    return text.toString();
  }

  @Override
  public void close() {
    reader.dispose();
    closeQuietly(input);
  }

  private static void closeQuietly(ImageInputStream stream) {
    if (stream == null) {
      return;
    }
    try {
      stream.close();
    } catch (IOException e) {
      LOG.debug("closing an image stream failed", e);
    }
  }
}
