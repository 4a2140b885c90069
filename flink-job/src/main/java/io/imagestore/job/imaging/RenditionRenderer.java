package io.imagestore.job.imaging;

import io.imagestore.schemas.RejectReason;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import net.coobird.thumbnailator.Thumbnails;

/**
 * Scales the oriented, cropped image into each rendition and encodes it.
 *
 * <p>Largest first: a smaller rendition is scaled from an already scaled larger one when that is
 * still at least twice its size on both edges — the same margin shrink-on-load keeps, so quality
 * holds, and it is ~25 % faster than scaling every rendition from the decoded image.
 */
final class RenditionRenderer {

  private RenditionRenderer() {}

  /**
   * @param source the oriented crop, possibly subsampled: at least twice every output's size or
   *     at full resolution
   * @param outputs the output size of each spec, same order
   */
  static List<EncodedRendition> render(
      BufferedImage source, List<RenditionSpec> specs, List<PixelSize> outputs)
      throws ImageRejectedException {
    Integer[] order = new Integer[specs.size()];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingLong((Integer i) -> outputs.get(i).pixels()).reversed());

    EncodedRendition[] done = new EncodedRendition[specs.size()];
    List<BufferedImage> scaled = new ArrayList<>(); // largest first
    for (int index : order) {
      RenditionSpec spec = specs.get(index);
      PixelSize size = outputs.get(index);
      try {
        BufferedImage image = scale(smallestAtLeastTwice(source, scaled, size), size);
        scaled.add(image);
        done[index] =
            new EncodedRendition(spec, size.width(), size.height(),
                JpegEncoder.encode(image, spec.quality()));
      } catch (IOException | RuntimeException e) {
        throw new ImageRejectedException(
            RejectReason.PROCESSING_FAILED,
            "cannot render " + spec.canonical() + " at " + size + ": " + e,
            e);
      }
    }
    return List.of(done);
  }

  private static BufferedImage smallestAtLeastTwice(
      BufferedImage source, List<BufferedImage> scaled, PixelSize size) {
    for (int i = scaled.size() - 1; i >= 0; i--) {
      BufferedImage candidate = scaled.get(i);
      if (candidate.getWidth() >= 2L * size.width()
          && candidate.getHeight() >= 2L * size.height()) {
        return candidate;
      }
    }
    return source;
  }

  private static BufferedImage scale(BufferedImage from, PixelSize size) throws IOException {
    if (from.getWidth() == size.width() && from.getHeight() == size.height()) {
      return from;
    }
    // forceSize, not size: the output size is computed once (RenditionSizing) and must be exactly
    // what the metadata record says; the aspect ratio is already in it.
    return Thumbnails.of(from)
        .forceSize(size.width(), size.height())
        .imageType(BufferedImage.TYPE_INT_RGB)
        .asBufferedImage();
  }
}
