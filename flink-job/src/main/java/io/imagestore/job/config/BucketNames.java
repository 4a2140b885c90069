package io.imagestore.job.config;

import java.io.Serializable;

/** Buckets the job reads and writes; {@code state} holds checkpoints and savepoints. */
public record BucketNames(String originals, String renditions, String state) implements Serializable {
  public static BucketNames defaults() {
    return new BucketNames("originals", "renditions", "flink-state");
  }
}
