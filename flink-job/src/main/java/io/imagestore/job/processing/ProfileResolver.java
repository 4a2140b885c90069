package io.imagestore.job.processing;

import io.imagestore.job.config.CropSettings;
import io.imagestore.job.config.ProfileCatalog;
import io.imagestore.job.config.ProfileSettings;
import io.imagestore.job.config.RenditionSettings;
import io.imagestore.job.imaging.CropSpec;
import io.imagestore.job.imaging.ProcessingProfile;
import io.imagestore.job.imaging.RenditionSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Chooses the processing profile for an upload, by its source and path, from the configured catalog. */
public final class ProfileResolver {
  private final ProfileCatalog catalog;
  private final Map<String, ProcessingProfile> profiles = new LinkedHashMap<>();

  public ProfileResolver(ProfileCatalog catalog) {
    this.catalog = catalog;
    catalog.profiles().forEach((name, settings) -> profiles.put(name, toProfile(settings)));
  }

  /** The profile for an upload from {@code sourceId} at {@code originalPath}. */
  public ProcessingProfile select(String sourceId, String originalPath) {
    return profiles.get(catalog.select(sourceId, originalPath));
  }

  static ProcessingProfile toProfile(ProfileSettings settings) {
    List<RenditionSpec> renditions = settings.renditions().stream().map(ProfileResolver::toSpec).toList();
    return new ProcessingProfile(toCrop(settings.crop()), renditions);
  }

  static CropSpec toCrop(CropSettings crop) {
    return switch (crop.mode()) {
      case NONE -> CropSpec.NONE;
      case RECTANGLE -> new CropSpec.Rectangle(crop.x(), crop.y(), crop.width(), crop.height());
      case ASPECT -> new CropSpec.Aspect(crop.aspectWidth(), crop.aspectHeight());
    };
  }

  static RenditionSpec toSpec(RenditionSettings r) {
    return switch (r.kind()) {
      case LONG_EDGE -> RenditionSpec.longEdge(r.name(), r.longEdge(), r.quality());
      case BOX -> RenditionSpec.box(r.name(), r.width(), r.height(), r.quality());
    };
  }
}
