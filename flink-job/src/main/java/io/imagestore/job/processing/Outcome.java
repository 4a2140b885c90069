package io.imagestore.job.processing;

import io.imagestore.job.records.RejectRecord;
import io.imagestore.schemas.ImageMetadata;

/**
 * What one upload became: exactly one of {@code metadata} and {@code reject} is set. {@code
 * gaveUp}: rejected because earlier attempts never ended, not for anything seen in this one.
 */
public record Outcome(ImageMetadata metadata, RejectRecord reject, boolean gaveUp) {
  public static Outcome image(ImageMetadata metadata) {
    return new Outcome(metadata, null, false);
  }

  public static Outcome rejected(RejectRecord reject) {
    return new Outcome(null, reject, false);
  }

  public static Outcome gaveUp(RejectRecord reject) {
    return new Outcome(null, reject, true);
  }

  public boolean isImage() {
    return metadata != null;
  }
}
