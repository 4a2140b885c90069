package io.imagestore.job.imaging;

import io.imagestore.schemas.RejectReason;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Makes the renditions of one original file: detect → limits → header dimensions → EXIF →
 * subsampled decode → orientation → crop → scale → JPEG.
 *
 * <p>Memory per call is bounded by the limits: the pixel count is checked from the header before
 * anything is decoded, and the decode keeps only every n-th pixel (see {@link
 * SourceSubsampling}), so e.g. a 24 MP JPEG made into 1280 and 320 px renditions decodes to
 * 6 MP. Stateless and thread-safe: one instance can serve any number of threads.
 */
public final class ImageProcessor {

  private final ImageLimits limits;

  public ImageProcessor(ImageLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /**
   * Processes the local file {@code original}.
   *
   * @throws ImageRejectedException for anything wrong with the file's content, with the reason
   *     the reject contract names: EMPTY_FILE, FILE_TOO_LARGE, NOT_AN_IMAGE, UNSUPPORTED_FORMAT,
   *     TOO_MANY_PIXELS, TRUNCATED, CORRUPT; PROCESSING_FAILED when the profile's crop rectangle
   *     misses the image or a rendition cannot be made
   * @throws UncheckedIOException when the local file itself cannot be read (missing, I/O error)
   *     — not the image's fault, so not a reject
   */
  public ProcessedImage process(Path original, ProcessingProfile profile)
      throws ImageRejectedException {
    Objects.requireNonNull(profile, "profile");
    long size = sizeOf(original);
    if (size == 0) {
      throw new ImageRejectedException(RejectReason.EMPTY_FILE, "the file is empty");
    }
    if (size > limits.maxBytes()) {
      throw new ImageRejectedException(
          RejectReason.FILE_TOO_LARGE,
          "the file has " + size + " bytes, more than the limit of " + limits.maxBytes());
    }
    ImageFormat format = ImageFormat.detect(head(original))
        .orElseThrow(() -> new ImageRejectedException(
            RejectReason.NOT_AN_IMAGE, "the file starts with no known image signature"));
    ContainerIntegrity.verify(original, format, size);

    try (ImageDecoder decoder = ImageDecoder.open(original, format)) {
      PixelSize encoded = decoder.dimensions();
      if (encoded.pixels() > limits.maxPixels()) {
        throw new ImageRejectedException(
            RejectReason.TOO_MANY_PIXELS,
            "the header declares " + encoded + " = " + encoded.pixels()
                + " pixels, more than the limit of " + limits.maxPixels());
      }
      ExifData exif = ExifExtractor.read(original, format);
      Orientation orientation = Orientation.fromExif(exif.orientation());
      PixelSize display = orientation.displaySize(encoded);
      CropRegion crop = CropGeometry.resolve(profile.crop(), display);
      PixelSize cropSize = new PixelSize(crop.width(), crop.height());

      List<PixelSize> outputs = new ArrayList<>();
      for (RenditionSpec spec : profile.renditions()) {
        outputs.add(RenditionSizing.outputSize(spec, cropSize));
      }
      int factor = SourceSubsampling.choose(cropSize, outputs);
      Rectangle region = orientation.toEncoded(
          new Rectangle(crop.x(), crop.y(), crop.width(), crop.height()), encoded);
      BufferedImage displayed =
          decoder.decodeDisplayed(region, factor, encoded.height(), orientation);

      List<EncodedRendition> renditions =
          RenditionRenderer.render(displayed, profile.renditions(), outputs);
      return new ProcessedImage(
          format, encoded.width(), encoded.height(), exif, crop, renditions);
    }
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static byte[] head(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(ImageFormat.SIGNATURE_BYTES);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
