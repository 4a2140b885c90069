package io.imagestore.job.imaging;

import java.io.Serializable;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One output image of a profile: a name (part of its object key), how it is fitted, its size and
 * its JPEG quality. Renditions keep the aspect ratio of the (cropped) image and are never
 * upscaled: an image smaller than the spec yields a rendition at its own size.
 *
 * @param name key-safe name, e.g. {@code thumb}
 * @param fit {@link Fit#LONG_EDGE}: the longer edge becomes {@code width} (== {@code height});
 *     {@link Fit#BOX}: the largest size fitting inside {@code width}×{@code height}
 * @param quality JPEG quality 1–100
 */
public record RenditionSpec(String name, Fit fit, int width, int height, int quality)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Names end up in object keys ({@code .../<name>.jpg}): no slashes, spaces or dots first. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

  /** How a rendition's size is derived from the cropped image. */
  public enum Fit {
    /** Scale so that the longer edge is the spec's size. */
    LONG_EDGE,
    /** Scale to the largest size that fits inside the spec's width and height. */
    BOX
  }

  public RenditionSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(fit, "fit");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "rendition name '" + name + "' must match " + NAME.pattern());
    }
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException(
          "rendition '" + name + "': width and height must be at least 1, got "
              + width + "x" + height);
    }
    if (fit == Fit.LONG_EDGE && width != height) {
      throw new IllegalArgumentException(
          "rendition '" + name + "': a long-edge spec has one size, got " + width + "x" + height);
    }
    if (quality < 1 || quality > 100) {
      throw new IllegalArgumentException(
          "rendition '" + name + "': quality must be 1-100, got " + quality);
    }
  }

  /** The longer edge becomes {@code size} pixels. */
  public static RenditionSpec longEdge(String name, int size, int quality) {
    return new RenditionSpec(name, Fit.LONG_EDGE, size, size, quality);
  }

  /** The largest size that fits inside {@code width}×{@code height}, aspect ratio kept. */
  public static RenditionSpec box(String name, int width, int height, int quality) {
    return new RenditionSpec(name, Fit.BOX, width, height, quality);
  }

  /**
   * A stable text form, e.g. {@code thumb:long-edge:320:q85} or {@code card:box:400x300:q80}.
   * Object keys are derived from it, so it must never change for the same spec.
   */
  public String canonical() {
    return switch (fit) {
      case LONG_EDGE -> name + ":long-edge:" + width + ":q" + quality;
      case BOX -> name + ":box:" + width + "x" + height + ":q" + quality;
    };
  }
}
