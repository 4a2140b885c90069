package io.imagestore.job.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.util.List;

/** What the job makes from one source's uploads: a crop, then one or more renditions. */
public record ProfileSettings(CropSettings crop, List<RenditionSettings> renditions) implements Serializable {

  public ProfileSettings {
    renditions = List.copyOf(renditions);
  }

  /** A profile of the file: no crop and the default renditions where they are left out. */
  @JsonCreator
  static ProfileSettings fromFile(@JsonProperty("crop") CropSettings crop,
      @JsonProperty("renditions") List<RenditionSettings> renditions) {
    return new ProfileSettings(crop == null ? CropSettings.NONE : crop, renditions == null ? defaults().renditions() : renditions);
  }

  /** No crop; {@code thumb} 320 px and {@code preview} 1280 px on the long edge, quality 85. */
  public static ProfileSettings defaults() {
    return new ProfileSettings(CropSettings.NONE, List.of(
        RenditionSettings.longEdge("thumb", 320, RenditionSettings.DEFAULT_QUALITY),
        RenditionSettings.longEdge("preview", 1280, RenditionSettings.DEFAULT_QUALITY)));
  }
}
