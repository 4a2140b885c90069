package io.imagestore.job.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Test images made in memory, good and bad, for every test of the job.
 *
 * <p>The scene is four coloured quadrants — red top left, green top right, blue bottom left,
 * yellow bottom right — over a little deterministic noise (so files compress like photos, not
 * like flat colour). Each of the eight EXIF orientations turns it into a different arrangement,
 * so a rendition proves that orientation was applied by showing red at its top left.
 */
public final class TestImages {

  public static final Color RED = new Color(220, 30, 30);
  public static final Color GREEN = new Color(30, 200, 60);
  public static final Color BLUE = new Color(30, 60, 220);
  public static final Color YELLOW = new Color(240, 220, 30);

  private static final int NOISE = 12;

  private TestImages() {}

  /** The quadrant scene as a {@code width}×{@code height} RGB image. */
  public static BufferedImage quadrants(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    int[] quadrant = {RED.getRGB(), GREEN.getRGB(), BLUE.getRGB(), YELLOW.getRGB()};
    SplittableRandom random = new SplittableRandom(width * 31L + height);
    int[] row = new int[width];
    for (int y = 0; y < height; y++) {
      int bottom = y < height / 2 ? 0 : 2;
      for (int x = 0; x < width; x++) {
        int rgb = quadrant[bottom + (x < width / 2 ? 0 : 1)];
        int n = random.nextInt(2 * NOISE + 1) - NOISE;
        row[x] = channel(rgb >> 16, n) << 16 | channel(rgb >> 8, n) << 8 | channel(rgb, n);
      }
      image.setRGB(0, y, width, 1, row, 0, width);
    }
    return image;
  }

  /** The quadrant scene as a baseline JPEG, quality 90, without EXIF. */
  public static byte[] jpeg(int width, int height) {
    return encodeJpeg(quadrants(width, height), 90);
  }

  /**
   * A JPEG that shows the {@code width}×{@code height} quadrant scene <em>when displayed
   * according to its EXIF orientation</em>: the pixels are stored turned the other way (for
   * orientations 5–8 the stored image is {@code height}×{@code width}), as a camera held
   * sideways stores them.
   */
  public static byte[] jpegWithOrientation(int width, int height, int orientation) {
    return jpegWithExif(width, height, Exif.orientation(orientation));
  }

  /** Like {@link #jpegWithOrientation}, with any of the EXIF fields of {@code exif}. */
  public static byte[] jpegWithExif(int width, int height, Exif exif) {
    return jpegWithExif(quadrants(width, height), exif, 90);
  }

  /**
   * A JPEG of {@code scene} as a camera would store it: turned so that it displays as
   * {@code scene} under the orientation in {@code exif}, which is written as an APP1 segment.
   */
  public static byte[] jpegWithExif(BufferedImage scene, Exif exif, int quality) {
    int orientation = exif.orientation() == null ? 1 : exif.orientation();
    return withExif(encodeJpeg(storedFor(scene, orientation), quality), exif);
  }

  /**
   * {@code jpeg} with its JFIF segment replaced by an EXIF APP1 segment right after SOI, the
   * layout cameras write.
   */
  public static byte[] withExif(byte[] jpeg, Exif exif) {
    byte[] app1 = ExifSegment.build(exif);
    int rest = 2;
    if ((jpeg[2] & 0xFF) == 0xFF && (jpeg[3] & 0xFF) == 0xE0) { // drop JFIF APP0
      rest = 4 + ((jpeg[4] & 0xFF) << 8 | (jpeg[5] & 0xFF));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + app1.length);
    out.write(jpeg, 0, 2);
    out.write(app1, 0, app1.length);
    out.write(jpeg, rest, jpeg.length - rest);
    return out.toByteArray();
  }

  /**
   * An Adobe CMYK JPEG (as Photoshop writes: APP14 "Adobe" transform 0, samples inverted) whose
   * quadrants are cyan, magenta / yellow, black ink.
   */
  public static byte[] cmykJpeg(int width, int height) {
    return fourComponentJpeg(width, height, 0);
  }

  /** Like {@link #cmykJpeg}, stored as YCCK (Adobe transform 2). */
  public static byte[] ycckJpeg(int width, int height) {
    return fourComponentJpeg(width, height, 2);
  }

  /** Like {@link #cmykJpeg} without the Adobe segment: plain, non-inverted CMYK samples. */
  public static byte[] plainCmykJpeg(int width, int height) {
    return fourComponentJpeg(width, height, -1);
  }

  /** The quadrant scene as a progressive JPEG (most wallpapers and web images are). */
  public static byte[] progressiveJpeg(int width, int height) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    try {
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
        writer.setOutput(out);
        writer.write(null, new IIOImage(quadrants(width, height), null, null), param);
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
  }

  /** A grey JPEG: a single-component frame of a horizontal ramp from 0 to 255. */
  public static byte[] grayJpeg(int width, int height) {
    BufferedImage gray = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    WritableRaster raster = gray.getRaster();
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        raster.setSample(x, y, 0, width == 1 ? 0 : x * 255 / (width - 1));
      }
    }
    return encodeJpeg(gray, 95);
  }

  /**
   * A PNG with an alpha channel: the left half fully transparent (transparent <em>black</em>,
   * so a converter that drops alpha shows black), the right half opaque blue.
   */
  public static byte[] pngWithAlpha(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(0, 0, 255, 255));
    g.fillRect(width / 2, 0, width - width / 2, height);
    g.dispose();
    return encode(image, "png");
  }

  /** The quadrant scene in another container: "png", "gif", "bmp" or "tiff". */
  public static byte[] image(int width, int height, String imageIoFormat) {
    BufferedImage scene = quadrants(width, height);
    if ("gif".equals(imageIoFormat)) {
      BufferedImage indexed =
          new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED);
      Graphics2D g = indexed.createGraphics();
      g.drawImage(scene, 0, 0, null);
      g.dispose();
      scene = indexed;
    }
    return encode(scene, imageIoFormat);
  }

  /** A PNG of the quadrant scene. */
  public static byte[] png(int width, int height) {
    return image(width, height, "png");
  }

  /**
   * The first part of {@code image}: for a JPEG, cut halfway through the compressed data after
   * the start-of-scan header; otherwise at 60 % of the bytes.
   */
  public static byte[] truncated(byte[] image) {
    int cut = image.length * 6 / 10;
    if ((image[0] & 0xFF) == 0xFF && (image[1] & 0xFF) == 0xD8) {
      int scanData = startOfScanData(image);
      cut = scanData + (image.length - scanData) / 2;
    }
    return Arrays.copyOf(image, cut);
  }

  /** {@code png} without its final IEND chunk (the last 12 bytes). */
  public static byte[] withoutIend(byte[] png) {
    return Arrays.copyOf(png, png.length - 12);
  }

  /**
   * A small PNG whose valid IHDR claims {@code width}×{@code height} RGB pixels; decoding it
   * would need width × height × 3 bytes (2.7 GB for 30000×30000 — more than an int can count).
   * Its IDAT holds a few compressed rows only: the file stays tiny.
   */
  public static byte[] pngBomb(int width, int height) {
    ByteBuffer ihdr = ByteBuffer.allocate(13).order(ByteOrder.BIG_ENDIAN);
    ihdr.putInt(width).putInt(height).put((byte) 8).put((byte) 2) // 8 bit, RGB
        .put((byte) 0).put((byte) 0).put((byte) 0);
    Deflater deflater = new Deflater();
    deflater.setInput(new byte[Math.min(width, 4096) * 3 + 1]);
    deflater.finish();
    byte[] compressed = new byte[64 * 1024];
    int n = deflater.deflate(compressed);
    deflater.end();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
    pngChunk(out, "IHDR", ihdr.array());
    pngChunk(out, "IDAT", Arrays.copyOf(compressed, n));
    pngChunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  /**
   * A valid {@code width}×{@code height} PNG with a zTXt chunk of about {@code compressedBytes}
   * that inflates roughly 1000-fold (4 MB → 4 GiB of zeros). Built by repeating one
   * sync-flushed deflate block of 1 MiB of zeros, so nothing near that size is ever allocated.
   */
  public static byte[] pngTextBomb(int width, int height, int compressedBytes) {
    byte[] png = png(width, height);
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    deflater.setInput(new byte[1 << 20]);
    byte[] buffer = new byte[64 * 1024];
    int blockLength = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
    deflater.end();
    int blocks = Math.max(1, compressedBytes / blockLength);
    long inflated = (long) blocks << 20;
    ByteArrayOutputStream text = new ByteArrayOutputStream(blocks * blockLength + 64);
    text.writeBytes("Comment".getBytes(StandardCharsets.ISO_8859_1));
    text.write(0); // keyword terminator
    text.write(0); // compression method: deflate
    text.write(0x78); // zlib header, best compression
    text.write(0xDA);
    for (int i = 0; i < blocks; i++) {
      text.write(buffer, 0, blockLength);
    }
    text.write(0x03); // final, empty fixed-Huffman block
    text.write(0x00);
    // Adler-32 of n zero bytes: a = 1, b = n mod 65521.
    text.writeBytes(ByteBuffer.allocate(4).putInt((int) (((inflated % 65521) << 16) | 1)).array());
    // After IHDR (8 signature + 25 IHDR bytes), as many writers put text.
    ByteArrayOutputStream out = new ByteArrayOutputStream(png.length + text.size() + 12);
    out.write(png, 0, 33);
    pngChunk(out, "zTXt", text.toByteArray());
    out.write(png, 33, png.length - 33);
    return out.toByteArray();
  }

  /** A PNG with the given chunks (type, data) after the signature, CRCs computed. */
  public static byte[] pngOfChunks(List<String> types, List<byte[]> data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
    for (int i = 0; i < types.size(); i++) {
      pngChunk(out, types.get(i), data.get(i));
    }
    return out.toByteArray();
  }

  /** A RIFF/WEBP container header (a lossy VP8 frame header follows; no pixels). */
  public static byte[] webp() {
    ByteBuffer b = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(22)
        .put("WEBP".getBytes(StandardCharsets.US_ASCII))
        .put("VP8 ".getBytes(StandardCharsets.US_ASCII)).putInt(10)
        .put(new byte[] {0x30, 0x01, 0x00, (byte) 0x9d, 0x01, 0x2a, 0x10, 0x00, 0x10, 0x00});
    return b.array();
  }

  /** Plain text, as if someone uploaded notes named {@code photo.jpg}. */
  public static byte[] textNamedJpg() {
    return "These are my holiday notes, not a photo.\nDay 1: beach.\n"
        .getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] empty() {
    return new byte[0];
  }

  /** Writes {@code bytes} to {@code dir/name} and returns the file. */
  public static Path write(Path dir, String name, byte[] bytes) {
    try {
      return Files.write(dir.resolve(name), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Encodes with the JDK's JPEG writer at {@code quality} (1–100), no EXIF. */
  public static byte[] encodeJpeg(BufferedImage image, int quality) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    try {
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality / 100f);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
        writer.setOutput(out);
        writer.write(null, new IIOImage(image, null, null), param);
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
  }

  /** Decodes any image ImageIO reads (for assertions on outputs). */
  public static BufferedImage decode(byte[] bytes) {
    try {
      BufferedImage image = ImageIO.read(new java.io.ByteArrayInputStream(bytes));
      if (image == null) {
        throw new IllegalArgumentException("not an image ImageIO reads");
      }
      return image;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The stored pixels for a scene that must look like {@code scene} once displayed with
   * {@code orientation}. Written from the EXIF specification's wording of where stored row 0 and
   * column 0 appear — independently of the job's own orientation code.
   */
  static BufferedImage storedFor(BufferedImage scene, int orientation) {
    int w = scene.getWidth();
    int h = scene.getHeight();
    boolean swap = orientation >= 5;
    int sw = swap ? h : w;
    int sh = swap ? w : h;
    BufferedImage stored = new BufferedImage(sw, sh, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < sh; y++) {
      for (int x = 0; x < sw; x++) {
        // Display position of stored pixel (x, y):
        int dx;
        int dy;
        switch (orientation) {
          case 1 -> { dx = x; dy = y; }                     // row 0 top, column 0 left
          case 2 -> { dx = sw - 1 - x; dy = y; }            // row 0 top, column 0 right
          case 3 -> { dx = sw - 1 - x; dy = sh - 1 - y; }   // row 0 bottom, column 0 right
          case 4 -> { dx = x; dy = sh - 1 - y; }            // row 0 bottom, column 0 left
          case 5 -> { dx = y; dy = x; }                     // row 0 left, column 0 top
          case 6 -> { dx = sh - 1 - y; dy = x; }            // row 0 right, column 0 top
          case 7 -> { dx = sh - 1 - y; dy = sw - 1 - x; }   // row 0 right, column 0 bottom
          case 8 -> { dx = y; dy = sw - 1 - x; }            // row 0 left, column 0 bottom
          default -> throw new IllegalArgumentException("EXIF orientation is 1-8: " + orientation);
        }
        stored.setRGB(x, y, scene.getRGB(dx, dy));
      }
    }
    return stored;
  }

  private static byte[] fourComponentJpeg(int width, int height, int adobeTransform) {
    // Ink per quadrant: cyan, magenta / yellow, black.
    int[][] inks = {{255, 0, 0, 0}, {0, 255, 0, 0}, {0, 0, 255, 0}, {0, 0, 0, 255}};
    WritableRaster raster =
        Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, 4, null);
    int[] sample = new int[4];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int[] ink = inks[(y < height / 2 ? 0 : 2) + (x < width / 2 ? 0 : 1)];
        if (adobeTransform == 2) {
          // libjpeg's cmyk_ycck_convert on Adobe (inverted) samples: YCbCr of 255 - sample, i.e.
          // of the ink itself; black stays an inverted sample.
          double r = ink[0];
          double g = ink[1];
          double b = ink[2];
          sample[0] = clamp(0.299 * r + 0.587 * g + 0.114 * b);
          sample[1] = clamp(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
          sample[2] = clamp(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
          sample[3] = 255 - ink[3];
        } else {
          for (int i = 0; i < 4; i++) {
            sample[i] = adobeTransform == 0 ? 255 - ink[i] : ink[i];
          }
        }
        raster.setPixel(x, y, sample);
      }
    }
    // The JDK writes a four-band raster as a four-component frame, samples as given, no APP14.
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    byte[] jpeg;
    try {
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(0.95f);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
        writer.setOutput(out);
        writer.write(null, new IIOImage(raster, null, null), param);
      }
      jpeg = bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    if (adobeTransform < 0) {
      return jpeg;
    }
    byte[] app14 = {
      (byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0,
      (byte) adobeTransform
    };
    ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + app14.length);
    out.write(jpeg, 0, 2);
    out.write(app14, 0, app14.length);
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }

  private static byte[] encode(BufferedImage image, String format) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      if (!ImageIO.write(image, format, bytes)) {
        throw new IllegalArgumentException("no ImageIO writer for " + format);
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int startOfScanData(byte[] jpeg) {
    int i = 2;
    while (i + 4 <= jpeg.length) {
      int marker = jpeg[i + 1] & 0xFF;
      int length = (jpeg[i + 2] & 0xFF) << 8 | (jpeg[i + 3] & 0xFF);
      if (marker == 0xDA) {
        return i + 2 + length;
      }
      i += 2 + length;
    }
    throw new IllegalArgumentException("no start of scan in this JPEG");
  }

  private static void pngChunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    ByteBuffer header = ByteBuffer.allocate(8).putInt(data.length).put(typeBytes);
    out.writeBytes(header.array());
    out.writeBytes(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  private static int channel(int value, int noise) {
    return Math.max(0, Math.min(255, (value & 0xFF) + noise));
  }

  private static int clamp(double value) {
    return (int) Math.max(0, Math.min(255, Math.round(value)));
  }

  /**
   * EXIF fields to write; null fields are left out.
   *
   * @param dateTimeOriginal as EXIF writes it, {@code "2024:05:01 14:03:07"}
   * @param offsetTimeOriginal e.g. {@code "+02:00"}
   * @param altitude metres; negative is below sea level
   */
  public record Exif(
      Integer orientation,
      String make,
      String model,
      String dateTimeOriginal,
      String offsetTimeOriginal,
      Double latitude,
      Double longitude,
      Double altitude) {

    public static Exif orientation(int orientation) {
      return new Exif(orientation, null, null, null, null, null, null, null);
    }

    /** A camera-like set: make, model, capture time with offset and a GPS position. */
    public static Exif camera(int orientation) {
      return new Exif(orientation, "Imagestore", "Test Camera 1", "2024:05:01 14:03:07",
          "+02:00", 46.5191, 6.6323, 372.5);
    }
  }

  /** A big-endian TIFF structure inside an APP1 "Exif" segment. */
  private static final class ExifSegment {
    private static final int BYTE = 1;
    private static final int ASCII = 2;
    private static final int SHORT = 3;
    private static final int LONG = 4;
    private static final int RATIONAL = 5;

    private record Entry(int tag, int type, int count, byte[] value) {}

    static byte[] build(Exif exif) {
      List<Entry> ifd0 = new ArrayList<>();
      List<Entry> exifIfd = new ArrayList<>();
      List<Entry> gps = new ArrayList<>();
      if (exif.make() != null) {
        ifd0.add(ascii(0x010F, exif.make()));
      }
      if (exif.model() != null) {
        ifd0.add(ascii(0x0110, exif.model()));
      }
      if (exif.orientation() != null) {
        ifd0.add(new Entry(0x0112, SHORT, 1, shortValue(exif.orientation())));
      }
      if (exif.dateTimeOriginal() != null) {
        exifIfd.add(ascii(0x9003, exif.dateTimeOriginal()));
      }
      if (exif.offsetTimeOriginal() != null) {
        exifIfd.add(ascii(0x9011, exif.offsetTimeOriginal()));
      }
      if (exif.latitude() != null && exif.longitude() != null) {
        gps.add(new Entry(0x0000, BYTE, 4, new byte[] {2, 3, 0, 0}));
        gps.add(ascii(0x0001, exif.latitude() >= 0 ? "N" : "S"));
        gps.add(new Entry(0x0002, RATIONAL, 3, degrees(Math.abs(exif.latitude()))));
        gps.add(ascii(0x0003, exif.longitude() >= 0 ? "E" : "W"));
        gps.add(new Entry(0x0004, RATIONAL, 3, degrees(Math.abs(exif.longitude()))));
        if (exif.altitude() != null) {
          gps.add(new Entry(0x0005, BYTE, 1, new byte[] {(byte) (exif.altitude() < 0 ? 1 : 0)}));
          gps.add(new Entry(0x0006, RATIONAL, 1,
              rationals(new long[] {Math.round(Math.abs(exif.altitude()) * 100), 100})));
        }
      }
      // Pointers to the sub-IFDs are filled in once their offsets are known.
      int exifPointerIndex = -1;
      int gpsPointerIndex = -1;
      if (!exifIfd.isEmpty()) {
        exifPointerIndex = ifd0.size();
        ifd0.add(new Entry(0x8769, LONG, 1, new byte[4]));
      }
      if (!gps.isEmpty()) {
        gpsPointerIndex = ifd0.size();
        ifd0.add(new Entry(0x8825, LONG, 1, new byte[4]));
      }
      int ifd0Offset = 8;
      int exifOffset = ifd0Offset + ifdSize(ifd0);
      int gpsOffset = exifOffset + (exifIfd.isEmpty() ? 0 : ifdSize(exifIfd));
      if (exifPointerIndex >= 0) {
        ifd0.set(exifPointerIndex, new Entry(0x8769, LONG, 1, intValue(exifOffset)));
      }
      if (gpsPointerIndex >= 0) {
        ifd0.set(gpsPointerIndex, new Entry(0x8825, LONG, 1, intValue(gpsOffset)));
      }
      ByteArrayOutputStream tiff = new ByteArrayOutputStream();
      tiff.writeBytes(new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8});
      writeIfd(tiff, ifd0, ifd0Offset);
      if (!exifIfd.isEmpty()) {
        writeIfd(tiff, exifIfd, exifOffset);
      }
      if (!gps.isEmpty()) {
        writeIfd(tiff, gps, gpsOffset);
      }
      byte[] body = tiff.toByteArray();
      ByteArrayOutputStream segment = new ByteArrayOutputStream();
      int length = 2 + 6 + body.length;
      segment.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (length >> 8),
          (byte) length, 'E', 'x', 'i', 'f', 0, 0});
      segment.writeBytes(body);
      return segment.toByteArray();
    }

    /** Entry count, 12 bytes per entry, next-IFD offset, then the values over 4 bytes. */
    private static int ifdSize(List<Entry> entries) {
      int size = 2 + 12 * entries.size() + 4;
      for (Entry e : entries) {
        if (e.value().length > 4) {
          size += e.value().length + (e.value().length & 1);
        }
      }
      return size;
    }

    private static void writeIfd(ByteArrayOutputStream out, List<Entry> entries, int offset) {
      List<Entry> sorted = new ArrayList<>(entries);
      sorted.sort((a, b) -> Integer.compare(a.tag(), b.tag()));
      ByteBuffer table = ByteBuffer.allocate(2 + 12 * sorted.size() + 4);
      ByteArrayOutputStream data = new ByteArrayOutputStream();
      int dataOffset = offset + table.capacity();
      table.putShort((short) sorted.size());
      for (Entry e : sorted) {
        table.putShort((short) e.tag()).putShort((short) e.type()).putInt(e.count());
        if (e.value().length <= 4) {
          table.put(Arrays.copyOf(e.value(), 4));
        } else {
          table.putInt(dataOffset + data.size());
          data.writeBytes(e.value());
          if ((e.value().length & 1) == 1) {
            data.write(0); // values start on word boundaries
          }
        }
      }
      table.putInt(0);
      out.writeBytes(table.array());
      out.writeBytes(data.toByteArray());
    }

    private static Entry ascii(int tag, String text) {
      byte[] chars = (text + '\0').getBytes(StandardCharsets.US_ASCII);
      return new Entry(tag, ASCII, chars.length, chars);
    }

    private static byte[] shortValue(int value) {
      return new byte[] {(byte) (value >> 8), (byte) value};
    }

    private static byte[] intValue(int value) {
      return ByteBuffer.allocate(4).putInt(value).array();
    }

    /** Degrees, minutes, seconds (to 1/10000 s). */
    private static byte[] degrees(double value) {
      long degrees = (long) value;
      double minutesFull = (value - degrees) * 60;
      long minutes = (long) minutesFull;
      long seconds = Math.round((minutesFull - minutes) * 60 * 10_000);
      return rationals(new long[] {degrees, 1, minutes, 1, seconds, 10_000});
    }

    private static byte[] rationals(long[] terms) {
      ByteBuffer b = ByteBuffer.allocate(terms.length * 4);
      for (long term : terms) {
        b.putInt((int) term);
      }
      return b.array();
    }
  }
}
