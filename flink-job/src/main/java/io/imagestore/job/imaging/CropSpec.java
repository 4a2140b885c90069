package io.imagestore.job.imaging;

import java.io.Serializable;

/**
 * Which region of an image the renditions are made from, in oriented (display) coordinates —
 * i.e. after the EXIF orientation has been applied, as a person sees the photo.
 */
public sealed interface CropSpec extends Serializable {

  /** The whole image. */
  CropSpec NONE = new None();

  /** A stable text form, e.g. {@code none}, {@code rectangle:10,20,300x200}, {@code aspect:16x9}. */
  String canonical();

  /** The mode as the image-metadata contract names it: {@code none|rectangle|aspect}. */
  String mode();

  /** No crop: the renditions show the whole image. */
  record None() implements CropSpec {
    private static final long serialVersionUID = 1L;

    @Override
    public String canonical() {
      return "none";
    }

    @Override
    public String mode() {
      return "none";
    }
  }

  /**
   * A fixed region; the part outside the image is clipped away. An image the rectangle does not
   * overlap at all is rejected.
   */
  record Rectangle(int x, int y, int width, int height) implements CropSpec {
    private static final long serialVersionUID = 1L;

    public Rectangle {
      if (x < 0 || y < 0) {
        throw new IllegalArgumentException("crop origin must not be negative, got " + x + "," + y);
      }
      if (width < 1 || height < 1) {
        throw new IllegalArgumentException(
            "crop size must be at least 1x1, got " + width + "x" + height);
      }
    }

    @Override
    public String canonical() {
      return "rectangle:" + x + "," + y + "," + width + "x" + height;
    }

    @Override
    public String mode() {
      return "rectangle";
    }
  }

  /** The largest centred region with this aspect ratio (e.g. 1:1 or 16:9). */
  record Aspect(int width, int height) implements CropSpec {
    private static final long serialVersionUID = 1L;

    public Aspect {
      if (width < 1 || height < 1) {
        throw new IllegalArgumentException(
            "aspect ratio terms must be at least 1, got " + width + ":" + height);
      }
    }

    /** Reduced by the greatest common divisor: 32:18 and 16:9 crop alike and read alike. */
    @Override
    public String canonical() {
      int gcd = gcd(width, height);
      return "aspect:" + width / gcd + "x" + height / gcd;
    }

    @Override
    public String mode() {
      return "aspect";
    }

    private static int gcd(int a, int b) {
      return b == 0 ? a : gcd(b, a % b);
    }
  }
}
