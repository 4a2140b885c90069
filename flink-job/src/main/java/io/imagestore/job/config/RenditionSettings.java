package io.imagestore.job.config;

import java.io.Serializable;

/**
 * One rendition of a profile: either {@code longEdge} (the longer side scaled to that many pixels,
 * aspect kept) or a {@code box} (fit inside width × height, aspect kept); JPEG at {@code quality}
 * percent.
 */
public record RenditionSettings(String name, Kind kind, int longEdge, int width, int height, int quality)
    implements Serializable {

  public enum Kind { LONG_EDGE, BOX }

  public static final int DEFAULT_QUALITY = 85;

  public static RenditionSettings longEdge(String name, int size, int quality) {
    return new RenditionSettings(name, Kind.LONG_EDGE, size, 0, 0, quality);
  }

  public static RenditionSettings box(String name, int width, int height, int quality) {
    return new RenditionSettings(name, Kind.BOX, 0, width, height, quality);
  }
}
