package io.imagestore.job.imaging;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.SinglePixelPackedSampleModel;
import java.nio.ByteBuffer;

/**
 * Decoded pixels as the resize reads them: one row at a time, 8-bit R, G, B interleaved. A view,
 * not a copy — the resize streams rows out of the decoder's own buffer, so no full-size
 * converted image is ever made (a 24 MP photo decoded by ImageIO: 72 MB less).
 */
interface RgbRows {

  int width();

  int height();

  /** Writes row {@code y} to {@code rgb[0, 3 * width())}. */
  void read(int y, byte[] rgb);

  /** Reads one row into {@code rgb}, as {@link RgbRows#read} does. */
  @FunctionalInterface
  interface RowReader {
    void read(int y, byte[] rgb);
  }

  /** {@code width} × {@code height} rows read by {@code reader}. */
  static RgbRows of(int width, int height, RowReader reader) {
    return new Sized(width, height, reader);
  }

  /** The one implementation: a size and how to read a row. */
  record Sized(int width, int height, RowReader reader) implements RgbRows {
    @Override
    public void read(int y, byte[] rgb) {
      reader.read(y, rgb);
    }
  }

  /** Packed {@code 0xRRGGBB} ints, {@code stride} ints from one row to the next. */
  static RgbRows ofPacked(int[] pixels, int offset, int stride, int width, int height) {
    return of(width, height, (y, rgb) -> {
      int from = offset + y * stride;
      for (int x = 0, i = 0; x < width; x++, i += 3) {
        int p = pixels[from + x];
        rgb[i] = (byte) (p >> 16);
        rgb[i + 1] = (byte) (p >> 8);
        rgb[i + 2] = (byte) p;
      }
    });
  }

  /** Three bytes a pixel in R, G, B order (TurboJPEG's {@code TJPF_RGB}), tightly packed. */
  static RgbRows ofRgbBytes(ByteBuffer pixels, int width, int height) {
    return of(width, height, (y, rgb) -> pixels.get(y * 3 * width, rgb, 0, 3 * width));
  }

  /** An image's rows {@code [firstRow, firstRow + rows)}. */
  static RgbRows ofImage(BufferedImage image, int firstRow, int rows) {
    int w = image.getWidth();
    if (image.getType() == BufferedImage.TYPE_INT_RGB
        && image.getRaster().getSampleModel() instanceof SinglePixelPackedSampleModel model
        && image.getRaster().getSampleModelTranslateX() == 0
        && image.getRaster().getSampleModelTranslateY() == 0) {
      int[] data = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
      return ofPacked(data, firstRow * model.getScanlineStride(), model.getScanlineStride(),
          w, rows);
    }
    if (image.getType() == BufferedImage.TYPE_3BYTE_BGR
        && image.getRaster().getSampleModel() instanceof PixelInterleavedSampleModel model
        && image.getRaster().getSampleModelTranslateX() == 0
        && image.getRaster().getSampleModelTranslateY() == 0) {
      byte[] data = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
      int stride = model.getScanlineStride();
      return of(w, rows, (y, rgb) -> {
        int from = (firstRow + y) * stride;
        for (int i = 0; i < 3 * w; i += 3) {
          rgb[i] = data[from + i + 2];
          rgb[i + 1] = data[from + i + 1];
          rgb[i + 2] = data[from + i];
        }
      });
    }
    throw new IllegalArgumentException("not a plain RGB image: type " + image.getType());
  }

  /** Whether {@link #ofImage} reads {@code image} as it is (sRGB, 8 bits, no alpha). */
  static boolean readsDirectly(BufferedImage image) {
    return (image.getType() == BufferedImage.TYPE_INT_RGB
            || image.getType() == BufferedImage.TYPE_3BYTE_BGR)
        && image.getColorModel().getColorSpace().isCS_sRGB()
        && image.getRaster().getSampleModelTranslateX() == 0
        && image.getRaster().getSampleModelTranslateY() == 0;
  }
}
