package io.imagestore.stack;

import java.util.List;

/** The object-store buckets of the pipeline; {@code state} holds Flink checkpoints and savepoints. */
public record Buckets(String originals, String renditions, String state) {
  public static Buckets defaults() {
    return new Buckets("originals", "renditions", "flink-state");
  }

  public List<String> all() {
    return List.of(originals, renditions, state);
  }
}
