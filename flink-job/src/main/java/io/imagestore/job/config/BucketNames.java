package io.imagestore.job.config;

import static java.util.Objects.requireNonNullElse;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;

/** Buckets the job reads and writes; {@code state} holds checkpoints and savepoints. */
public record BucketNames(String originals, String renditions, String state) implements Serializable {
  @JsonCreator
  static BucketNames fromFile(@JsonProperty("originals") String originals, @JsonProperty("renditions") String renditions,
      @JsonProperty("state") String state) {
    BucketNames d = defaults();
    return new BucketNames(requireNonNullElse(originals, d.originals), requireNonNullElse(renditions, d.renditions),
        requireNonNullElse(state, d.state));
  }

  public static BucketNames defaults() {
    return new BucketNames("originals", "renditions", "flink-state");
  }
}
