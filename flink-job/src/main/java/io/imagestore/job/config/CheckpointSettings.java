package io.imagestore.job.config;

import java.io.Serializable;
import java.time.Duration;

/**
 * Where and how often the job checkpoints. Kafka transactions commit when a checkpoint completes,
 * so the interval is also the latency of metadata becoming visible to read_committed consumers.
 *
 * @param directory e.g. {@code s3p://flink-state/checkpoints}; retained on cancellation
 * @param savepointDirectory e.g. {@code s3p://flink-state/savepoints}
 */
public record CheckpointSettings(Duration interval, Duration timeout, String directory, String savepointDirectory)
    implements Serializable {

  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

  /** Checkpoints and savepoints under {@code s3p://<stateBucket>/}. */
  public static CheckpointSettings inBucket(String stateBucket) {
    return new CheckpointSettings(DEFAULT_INTERVAL, DEFAULT_TIMEOUT,
        "s3p://" + stateBucket + "/checkpoints", "s3p://" + stateBucket + "/savepoints");
  }

  public CheckpointSettings withInterval(Duration value) {
    return new CheckpointSettings(value, timeout, directory, savepointDirectory);
  }

  public CheckpointSettings withDirectories(String checkpoints, String savepoints) {
    return new CheckpointSettings(interval, timeout, checkpoints, savepoints);
  }
}
