package io.imagestore.stack;

import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** The object-store buckets of the pipeline; {@code state} holds Flink checkpoints and savepoints. */
public record Buckets(String originals, String renditions, String state) {
  public static Buckets defaults() {
    return new Buckets("originals", "renditions", "flink-state");
  }

  /**
   * The default names with a random suffix, e.g. {@code originals-3f9a0c1e}: for test classes that
   * share one object store and count the objects in their buckets.
   */
  public static Buckets unique() {
    return defaults().withSuffix(HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
  }

  /** These names followed by {@code -suffix}. */
  public Buckets withSuffix(String suffix) {
    return new Buckets(originals + "-" + suffix, renditions + "-" + suffix, state + "-" + suffix);
  }

  public List<String> all() {
    return List.of(originals, renditions, state);
  }
}
