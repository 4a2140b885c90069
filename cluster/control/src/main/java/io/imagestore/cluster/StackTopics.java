package io.imagestore.cluster;

import java.util.List;

/** The pipeline's topics, named as in the compose topology. */
public record StackTopics(String uploads, String metadata, String rejects, int partitions) {
  public static StackTopics defaults() {
    return new StackTopics("image-uploads", "image-metadata", "image-rejects", 4);
  }

  public List<String> all() {
    return List.of(uploads, metadata, rejects);
  }
}
