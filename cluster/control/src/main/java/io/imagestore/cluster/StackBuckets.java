package io.imagestore.cluster;

import java.util.List;

/** The stack's buckets: uploads, renditions, and Flink's checkpoints, savepoints and HA metadata. */
public record StackBuckets(String originals, String renditions, String state) {
  public static StackBuckets defaults() {
    return new StackBuckets("originals", "renditions", "flink-state");
  }

  public List<String> all() {
    return List.of(originals, renditions, state);
  }
}
