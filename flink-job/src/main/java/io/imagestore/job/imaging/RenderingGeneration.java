package io.imagestore.job.imaging;

/**
 * Which rendering code made a rendition's bytes. Bump {@link #CURRENT} with every change that
 * makes other bytes from the same original and spec — decoder, colour conversion, resampling,
 * encoder or its settings: rendition keys include it, so a reprocessed image never overwrites a
 * rendition that a committed record describes (with other bytes, maybe other dimensions).
 */
public final class RenderingGeneration {
  // 1 (until 0.1): ImageIO decode, Thumbnailator resize, ImageIO JPEG encoder.

  /** ImageIO decode, Lanczos3 resize (the small rendition from the larger), ImageIO JPEG encoder. */
  public static final int IMAGEIO = 2;

  /**
   * TurboJPEG decode with DCT scaling and TurboJPEG encoder, Lanczos3 resize. Its own generation:
   * TaskManagers with and without the library make other bytes from the same original, so a
   * reprocessing on the other kind of host must not overwrite what a record describes.
   */
  public static final int TURBOJPEG = 3;

  private RenderingGeneration() {}

  public static int of(boolean turboJpeg) {
    return turboJpeg ? TURBOJPEG : IMAGEIO;
  }
}
