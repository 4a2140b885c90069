package io.imagestore.job.imaging;

import io.imagestore.schemas.RejectReason;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Scales the decoded crop into each rendition, turns it upright, converts it to sRGB if the
 * decode was not, and encodes it.
 *
 * <p>Scaling happens as stored and the turn after it, on the rendition: for orientations 5–8 a
 * quarter turn of a 1 MP rendition instead of the whole decode (24 MP before shrink-on-load).
 * Largest first: a smaller rendition is scaled from an already scaled larger one when that is
 * still at least twice its size on both edges, so the 320 px one costs a 1280 px read, not a
 * read of the decode; from 4× and more, through a {@link BoxShrink} first.
 *
 * <p>The scaled pixels of each rendition (by rank, largest first) and of its box go into arrays
 * kept from photo to photo: allocated per photo, a 1280 px rendition's 6.5 MB and its box's
 * 1.6 MB were a third of all the bytes the pipeline bench allocated, each one a G1 humongous
 * object. Not thread-safe: one per thread, as its resizer.
 */
final class RenditionRenderer {

  /** A scaled rendition as stored (before the turn), kept as a source for smaller ones. */
  private record Scaled(int[] pixels, int width, int height) {}

  /** Arrays up to this many pixels are kept between photos: a 1280×1280 rendition, 6.5 MB. */
  static final int RETAINED_PIXELS = 1280 * 1280;

  private final Lanczos3Resizer resizer;
  private final TurboJpegCodec codec;
  private int[][] scaledBuffers = new int[0][];
  private int[][] boxBuffers = new int[0][];

  /** @param codec the native encoder, or null for ImageIO's */
  RenditionRenderer(Lanczos3Resizer resizer, TurboJpegCodec codec) {
    this.resizer = resizer;
    this.codec = codec;
  }

  /** @param outputs the displayed output size of each spec, same order */
  List<EncodedRendition> render(DecodedRegion source, Orientation orientation,
      List<RenditionSpec> specs, List<PixelSize> outputs) throws ImageRejectedException {
    Integer[] order = new Integer[specs.size()];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingLong((Integer i) -> outputs.get(i).pixels()).reversed());

    EncodedRendition[] done = new EncodedRendition[specs.size()];
    List<Scaled> scaled = new ArrayList<>(); // largest first
    if (scaledBuffers.length < order.length) {
      scaledBuffers = Arrays.copyOf(scaledBuffers, order.length);
      boxBuffers = Arrays.copyOf(boxBuffers, order.length);
    }
    for (int rank = 0; rank < order.length; rank++) {
      int index = order[rank];
      RenditionSpec spec = specs.get(index);
      PixelSize size = outputs.get(index);
      PixelSize stored = orientation.displaySize(size); // a swap is its own inverse
      try {
        Scaled image = scale(source, smallestAtLeastTwice(scaled, stored), stored, rank);
        scaled.add(image);
        BufferedImage upright =
            orientation.apply(RgbImages.wrap(image.pixels(), image.width(), image.height()));
        if (source.toSrgb() != null) {
          BufferedImage srgb = new BufferedImage(
              upright.getWidth(), upright.getHeight(), BufferedImage.TYPE_INT_RGB);
          source.toSrgb().filter(upright.getRaster(), srgb.getRaster());
          upright = srgb;
        }
        done[index] = new EncodedRendition(spec, size.width(), size.height(),
            encode(upright, spec.quality()));
      } catch (IOException | RuntimeException e) {
        throw new ImageRejectedException(
            RejectReason.PROCESSING_FAILED,
            "cannot render " + spec.canonical() + " at " + size + ": " + e,
            e);
      }
    }
    return List.of(done);
  }

  private static Scaled smallestAtLeastTwice(List<Scaled> scaled, PixelSize size) {
    for (int i = scaled.size() - 1; i >= 0; i--) {
      Scaled candidate = scaled.get(i);
      if (candidate.width() >= 2L * size.width() && candidate.height() >= 2L * size.height()) {
        return candidate;
      }
    }
    return null;
  }

  /** Drops the kept arrays that only an unusually large rendition needed; after each photo. */
  void trim() {
    trim(scaledBuffers);
    trim(boxBuffers);
  }

  private static void trim(int[][] buffers) {
    for (int i = 0; i < buffers.length; i++) {
      if (buffers[i] != null && buffers[i].length > RETAINED_PIXELS) {
        buffers[i] = null;
      }
    }
  }

  private Scaled scale(DecodedRegion source, Scaled larger, PixelSize size, int rank) {
    if (larger == null) {
      scaledBuffers[rank] = resizer.resize(source.pixels(), source.x(), source.y(),
          source.width(), source.height(), size.width(), size.height(), scaledBuffers[rank]);
      return new Scaled(scaledBuffers[rank], size.width(), size.height());
    }
    int k = BoxShrink.factor(Math.min((double) larger.width() / size.width(),
        (double) larger.height() / size.height()));
    int[] from = larger.pixels();
    int w = larger.width();
    int h = larger.height();
    if (k > 1) {
      from = boxBuffers[rank] = BoxShrink.shrink(from, w, h, k, boxBuffers[rank]);
      w = (w + k - 1) / k;
      h = (h + k - 1) / k;
    }
    // In box pixels the larger rendition spans width / k, the last box possibly partial.
    scaledBuffers[rank] = resizer.resize(RgbRows.ofPacked(from, 0, w, w, h), 0, 0,
        (double) larger.width() / k, (double) larger.height() / k, size.width(), size.height(),
        scaledBuffers[rank]);
    return new Scaled(scaledBuffers[rank], size.width(), size.height());
  }

  private byte[] encode(BufferedImage upright, int quality) throws IOException {
    if (codec != null) {
      return codec.encode(RgbImages.pixels(upright), upright.getWidth(), upright.getHeight(),
          quality);
    }
    return JpegEncoder.encode(upright, quality);
  }
}
