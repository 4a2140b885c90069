package io.imagestore.job.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.imagestore.config.InvalidField;
import java.io.Serializable;
import java.util.List;

/**
 * One rendition of a profile: either {@code longEdge} (the longer side scaled to that many pixels,
 * aspect kept) or a {@code box} (fit inside width × height, aspect kept); JPEG at {@code quality}
 * percent.
 */
public record RenditionSettings(String name, Kind kind, int longEdge, int width, int height, int quality)
    implements Serializable {

  public enum Kind { LONG_EDGE, BOX }

  public static final int DEFAULT_QUALITY = 85;

  /** {@code {name: thumb, longEdge: 320}} or {@code {name: card, box: [400, 500]}} (or {@code box: 400x500}). */
  @JsonCreator
  static RenditionSettings fromFile(@JsonProperty("name") String name, @JsonProperty("longEdge") Integer longEdge,
      @JsonProperty("box") Object box, @JsonProperty("quality") Integer quality) {
    if ((longEdge == null) == (box == null)) {
      throw new InvalidField("longEdge", "give exactly one of longEdge: N or box: [width, height]");
    }
    int q = quality == null ? DEFAULT_QUALITY : quality;
    if (longEdge != null) {
      return longEdge(name, longEdge, q);
    }
    int[] wh = box instanceof List<?> list ? boxOf(list) : CropSettings.ratio(String.valueOf(box));
    if (wh == null) {
      throw new InvalidField("box", "expected [width, height] or 800x600, got '" + box + "'");
    }
    return box(name, wh[0], wh[1], q);
  }

  private static int[] boxOf(List<?> list) {
    if (list.size() != 2 || !(list.get(0) instanceof Integer w) || !(list.get(1) instanceof Integer h)) {
      return null;
    }
    return new int[] {w, h};
  }

  public static RenditionSettings longEdge(String name, int size, int quality) {
    return new RenditionSettings(name, Kind.LONG_EDGE, size, 0, 0, quality);
  }

  public static RenditionSettings box(String name, int width, int height, int quality) {
    return new RenditionSettings(name, Kind.BOX, 0, width, height, quality);
  }
}
