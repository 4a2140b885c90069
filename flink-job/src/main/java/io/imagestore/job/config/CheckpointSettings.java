package io.imagestore.job.config;

import static java.util.Objects.requireNonNullElse;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.imagestore.config.ConfigException;
import java.io.Serializable;
import java.time.Duration;

/**
 * Where and how often the job checkpoints. Kafka transactions commit when a checkpoint completes,
 * so the interval is also the latency of metadata becoming visible to read_committed consumers.
 *
 * <p>A checkpoint that fails (a slow object store, a timeout) is tolerated {@code
 * tolerableFailures} times in a row before the job restarts: one slow minute of RGW should not
 * roll back the whole job. Every tolerated failure keeps the open Kafka transactions open one
 * interval + timeout longer, which the transaction-timeout check accounts for.
 *
 * <p>Barriers must not queue behind a backlog: the processing operator takes ~0.1–1 s per image,
 * and the network buffers in front of it hold hundreds of upload events, so an aligned barrier
 * waits minutes behind them when uploads pile up. With {@code unaligned} a checkpoint starts
 * aligned and, once alignment has taken {@code alignedTimeout}, lets the barrier overtake the
 * queued events and stores them with the checkpoint (a few hundred bytes each). Unaligned, not
 * buffer debloating: it is a job setting, so the job brings it to any cluster, while debloating
 * is a TaskManager option the cluster's operator must set; and it bounds the wait whatever the
 * per-image time, where debloating only adapts buffer sizes to a measured throughput. Savepoints
 * stay aligned (Flink takes them so).
 *
 * @param directory e.g. {@code s3p://flink-state/checkpoints}; retained on cancellation
 * @param savepointDirectory e.g. {@code s3p://flink-state/savepoints}
 */
public record CheckpointSettings(Duration interval, Duration timeout, String directory, String savepointDirectory,
    int tolerableFailures, boolean unaligned, Duration alignedTimeout) implements Serializable {

  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
  /**
   * Two minutes, not Flink's ten: with two tolerated failures, three checkpoint rounds, the
   * longest restart delay and recovery must fit in the default 10-minute transaction timeout.
   */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);
  public static final int DEFAULT_TOLERABLE_FAILURES = 2;
  public static final Duration DEFAULT_ALIGNED_TIMEOUT = Duration.ofSeconds(5);

  public CheckpointSettings {
    if (tolerableFailures < 0) {
      throw new ConfigException("checkpoints.tolerableFailures", "must be 0 or more, got " + tolerableFailures);
    }
    if (alignedTimeout == null || alignedTimeout.isNegative()) {
      throw new ConfigException("checkpoints.alignedTimeout", "must be 0 (unaligned from the start) or more");
    }
  }

  public CheckpointSettings(Duration interval, Duration timeout, String directory, String savepointDirectory,
      int tolerableFailures) {
    this(interval, timeout, directory, savepointDirectory, tolerableFailures, true, DEFAULT_ALIGNED_TIMEOUT);
  }

  public CheckpointSettings(Duration interval, Duration timeout, String directory, String savepointDirectory) {
    this(interval, timeout, directory, savepointDirectory, DEFAULT_TOLERABLE_FAILURES);
  }

  /**
   * The file's {@code checkpoints} section; directories left out stay null here and are placed in
   * the state bucket by {@link JobConfig}, which knows it.
   */
  @JsonCreator
  static CheckpointSettings fromFile(@JsonProperty("interval") Duration interval,
      @JsonProperty("timeout") Duration timeout, @JsonProperty("directory") String directory,
      @JsonProperty("savepointDirectory") String savepointDirectory,
      @JsonProperty("tolerableFailures") Integer tolerableFailures, @JsonProperty("unaligned") Boolean unaligned,
      @JsonProperty("alignedTimeout") Duration alignedTimeout) {
    return new CheckpointSettings(requireNonNullElse(interval, DEFAULT_INTERVAL),
        requireNonNullElse(timeout, DEFAULT_TIMEOUT), directory, savepointDirectory,
        requireNonNullElse(tolerableFailures, DEFAULT_TOLERABLE_FAILURES), requireNonNullElse(unaligned, true),
        requireNonNullElse(alignedTimeout, DEFAULT_ALIGNED_TIMEOUT));
  }

  /** Checkpoints and savepoints under {@code s3p://<stateBucket>/}. */
  public static CheckpointSettings inBucket(String stateBucket) {
    return new CheckpointSettings(DEFAULT_INTERVAL, DEFAULT_TIMEOUT,
        "s3p://" + stateBucket + "/checkpoints", "s3p://" + stateBucket + "/savepoints");
  }

  public CheckpointSettings withInterval(Duration value) {
    return new CheckpointSettings(value, timeout, directory, savepointDirectory, tolerableFailures, unaligned,
        alignedTimeout);
  }

  public CheckpointSettings withDirectories(String checkpoints, String savepoints) {
    return new CheckpointSettings(interval, timeout, checkpoints, savepoints, tolerableFailures, unaligned,
        alignedTimeout);
  }

  /** Always aligned ({@code false}) or unaligned after {@code alignedTimeout}. */
  public CheckpointSettings withUnaligned(boolean value, Duration timeoutBeforeUnaligned) {
    return new CheckpointSettings(interval, timeout, directory, savepointDirectory, tolerableFailures, value,
        timeoutBeforeUnaligned);
  }

  /** How long a transaction can stay open while checkpoints fail and are tolerated, until one completes. */
  public Duration longestUncommittedSpan() {
    return interval.plus(timeout).multipliedBy(tolerableFailures + 1L);
  }
}
