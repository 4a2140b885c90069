package io.imagestore.job.imaging;

import io.imagestore.schemas.RejectReason;
import java.awt.Rectangle;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.ColorConvertOp;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Makes the renditions of one original file: detect → limits → header dimensions → EXIF →
 * shrink-on-load decode of the crop as stored → Lanczos3 scale → orientation → JPEG.
 *
 * <p>Two decode paths with the same output sizes. With libjpeg-turbo's TurboJPEG library
 * installed (Debian: {@code libturbojpeg0}), 3-component JPEGs (with an RGB ICC profile or
 * none; the profile is applied to each rendition) and grey ones without a profile decode with
 * DCT-domain scaling to the smallest eighth that still covers the largest rendition (see
 * {@link DctScaling}), and renditions encode natively. Everything else, and
 * every JPEG when the library is absent, decodes with ImageIO keeping only every n-th pixel
 * (see {@link SourceSubsampling}). Loaded via JNA from Maven Central rather than Debian's
 * turbojpeg.jar: the build needs nothing outside Maven, and the runtime package alone is
 * enough (the jar's loader wants the -dev package's unversioned .so).
 *
 * <p>Memory per call is bounded by the limits: the pixel count is checked from the header before
 * anything is decoded, and the decode is shrunk on load, so e.g. a 24 MP JPEG made into 1280 and
 * 320 px renditions decodes to 6 MP (ImageIO) or 3.4 MP (TurboJPEG). Thread-safe: each calling
 * thread gets its own reused buffers.
 */
public final class ImageProcessor implements AutoCloseable {

  private final ImageLimits limits;
  private final Optional<TurboJpegLibrary> turboJpeg;
  /** One per thread that has called {@link #process}: buffers reused from photo to photo. */
  private final ConcurrentLinkedDeque<ImagingWorkspace> workspaces = new ConcurrentLinkedDeque<>();

  /** Uses TurboJPEG for JPEGs when the library is installed (see the class comment). */
  public ImageProcessor(ImageLimits limits) {
    this(limits, TurboJpegAvailability.library());
  }

  /** @param turboJpeg empty for the pure-Java path */
  ImageProcessor(ImageLimits limits, Optional<TurboJpegLibrary> turboJpeg) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.turboJpeg = Objects.requireNonNull(turboJpeg, "turboJpeg");
  }

  /** A processor that never uses TurboJPEG, for hosts without it and for measurements. */
  public static ImageProcessor pureJava(ImageLimits limits) {
    return new ImageProcessor(limits, Optional.empty());
  }

  /** Whether JPEGs go through TurboJPEG. */
  public boolean usesTurboJpeg() {
    return turboJpeg.isPresent();
  }

  /** The {@link RenderingGeneration} of what this processor makes, for rendition keys. */
  public int renderingGeneration() {
    return RenderingGeneration.of(usesTurboJpeg());
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
      List<PixelSize> storedOutputs = new ArrayList<>();
      for (RenditionSpec spec : profile.renditions()) {
        PixelSize output = RenditionSizing.outputSize(spec, cropSize);
        outputs.add(output);
        storedOutputs.add(orientation.displaySize(output));
      }
      Rectangle region = orientation.toEncoded(
          new Rectangle(crop.x(), crop.y(), crop.width(), crop.height()), encoded);

      ImagingWorkspace workspace = takeWorkspace();
      try {
        DecodedRegion decoded = decodesNatively(format, decoder, workspace)
            ? decodeNatively(original, decoder, workspace.codec, encoded, region, storedOutputs)
            : null;
        if (decoded == null) {
          decoded = decodeWithImageIo(decoder, encoded, region, cropSize, outputs);
        }
        List<EncodedRendition> renditions =
            workspace.renderer.render(decoded, orientation, profile.renditions(), outputs);
        return new ProcessedImage(
            format, encoded.width(), encoded.height(), exif, crop, renditions);
      } finally {
        workspace.trim();
        workspaces.push(workspace);
      }
    }
  }

  private DecodedRegion decodeWithImageIo(ImageDecoder decoder, PixelSize encoded,
      Rectangle region, PixelSize cropSize, List<PixelSize> outputs)
      throws ImageRejectedException {
    int factor = SourceSubsampling.choose(cropSize, outputs);
    long decodeBytes = decoder.decodeBytes(region, factor, encoded.height());
    checkDecodeBudget(decodeBytes, encoded, "subsampled by " + factor);
    return decoder.decodeStored(region, factor, encoded.height());
  }

  private static boolean decodesNatively(
      ImageFormat format, ImageDecoder decoder, ImagingWorkspace workspace) {
    JpegHeader header = decoder.jpegHeader();
    return workspace.codec != null
        && format == ImageFormat.JPEG
        && header != null
        && (header.components() == 3 || header.components() == 1 && !header.iccProfile());
  }

  /** Null when TurboJPEG does not decode this variant (then ImageIO does). */
  private DecodedRegion decodeNatively(Path original, ImageDecoder decoder, TurboJpegCodec codec,
      PixelSize encoded,
      Rectangle region, List<PixelSize> storedOutputs) throws ImageRejectedException {
    try {
      codec.load(original);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + original, e);
    }
    TurboJpegCodec.Header header = codec.header();
    if (!header.decodable()
        || header.width() != encoded.width() || header.height() != encoded.height()) {
      return null;
    }
    ColorConvertOp toSrgb = null;
    if (decoder.jpegHeader().iccProfile()) {
      Optional<ICC_Profile> profile = readIccProfile(original);
      if (profile.isEmpty() || profile.get().getColorSpaceType() != ColorSpace.TYPE_RGB) {
        return null;
      }
      toSrgb = new ColorConvertOp(new ICC_ColorSpace(profile.get()),
          ColorSpace.getInstance(ColorSpace.CS_sRGB), null);
    }
    int n = DctScaling.choose(new PixelSize(region.width, region.height), storedOutputs);
    int width = DctScaling.scaled(encoded.width(), n);
    int height = DctScaling.scaled(encoded.height(), n);
    checkDecodeBudget(3L * width * height, encoded, "scaled by " + n + "/8");
    RgbRows rows = codec.decode(width, height);
    double s = n / 8.0;
    return new DecodedRegion(rows, region.x * s, region.y * s, region.width * s,
        region.height * s, toSrgb);
  }

  private static Optional<ICC_Profile> readIccProfile(Path original) {
    try {
      return JpegIccProfile.read(original);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + original, e);
    }
  }

  private void checkDecodeBudget(long decodeBytes, PixelSize encoded, String how)
      throws ImageRejectedException {
    if (decodeBytes > limits.maxDecodeBytes()) {
      throw new ImageRejectedException(
          RejectReason.TOO_MANY_PIXELS,
          "decoding " + encoded + " " + how + " takes " + decodeBytes
              + " bytes, more than the decode budget of " + limits.maxDecodeBytes());
    }
  }

  private ImagingWorkspace takeWorkspace() {
    ImagingWorkspace workspace = workspaces.poll();
    return workspace != null ? workspace : new ImagingWorkspace(turboJpeg);
  }

  /** Frees the native buffers of the workspaces not in use; the instance stays usable. */
  @Override
  public void close() {
    for (ImagingWorkspace w = workspaces.poll(); w != null; w = workspaces.poll()) {
      w.close();
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
