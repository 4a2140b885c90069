package io.imagestore.job.processing;

import io.imagestore.job.records.RejectRecord;
import io.imagestore.schemas.ImageMetadata;

/** What one upload became: exactly one of {@code metadata} and {@code reject} is set. */
public record Outcome(ImageMetadata metadata, RejectRecord reject) {
  public static Outcome image(ImageMetadata metadata) {
    return new Outcome(metadata, null);
  }

  public static Outcome rejected(RejectRecord reject) {
    return new Outcome(null, reject);
  }

  public boolean isImage() {
    return metadata != null;
  }
}
