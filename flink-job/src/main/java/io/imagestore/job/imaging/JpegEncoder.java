package io.imagestore.job.imaging;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Baseline RGB JPEG at a given quality, without EXIF (renditions are already oriented). */
final class JpegEncoder {

  private JpegEncoder() {}

  static byte[] encode(BufferedImage rgb, int quality) throws IOException {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
    if (!writers.hasNext()) {
      throw new IOException("no JPEG encoder installed");
    }
    ImageWriter writer = writers.next();
    try {
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality / 100f);
      // A rendition is typically 1/10 to 1/5 byte per pixel at quality 80-90.
      ByteArrayOutputStream bytes =
          new ByteArrayOutputStream(Math.max(8192, rgb.getWidth() * rgb.getHeight() / 5));
      // The stream is a memory one on purpose: ImageIO.createImageOutputStream would consult the
      // JVM-wide cache setting and may spill to a temp file.
      try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
        writer.setOutput(out);
        writer.write(null, new IIOImage(rgb, null, null), param);
      }
      return bytes.toByteArray();
    } finally {
      writer.dispose();
    }
  }
}
