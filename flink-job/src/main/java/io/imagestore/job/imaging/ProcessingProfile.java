package io.imagestore.job.imaging;

import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What to make of one source's images: a crop and at least one rendition. Rendition names are
 * unique because each names an object.
 */
public record ProcessingProfile(CropSpec crop, List<RenditionSpec> renditions)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  public ProcessingProfile {
    Objects.requireNonNull(crop, "crop");
    renditions = List.copyOf(renditions);
    if (renditions.isEmpty()) {
      throw new IllegalArgumentException("a profile needs at least one rendition");
    }
    Set<String> names = new HashSet<>();
    for (RenditionSpec spec : renditions) {
      if (!names.add(spec.name())) {
        throw new IllegalArgumentException("rendition name '" + spec.name() + "' is used twice");
      }
    }
  }
}
