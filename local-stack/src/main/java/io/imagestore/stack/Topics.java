package io.imagestore.stack;

import java.util.List;

/** The Kafka topics of the pipeline. */
public record Topics(String uploads, String metadata, String rejects) {
  public static Topics defaults() {
    return new Topics("image-uploads", "image-metadata", "image-rejects");
  }

  public List<String> all() {
    return List.of(uploads, metadata, rejects);
  }
}
