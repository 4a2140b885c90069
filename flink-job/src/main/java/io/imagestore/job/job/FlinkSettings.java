package io.imagestore.job.job;

import io.imagestore.job.config.JobConfig;
import io.imagestore.job.config.RestartSettings;
import io.imagestore.objectstore.ObjectStoreSettings;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.CheckpointingMode;

/** Translates a {@link JobConfig} into Flink configuration options. */
public final class FlinkSettings {
  private FlinkSettings() {}

  /**
   * Job-level options: exactly-once checkpoints on the object store, retained when the job is
   * cancelled (a FINISHED job still deletes them — stop-with-savepoint leaves the savepoint),
   * the configured state backend (RocksDB, incremental, by default) and max parallelism,
   * exponential-delay restarts with jitter, tolerated
   * checkpoint failures.
   */
  public static Configuration job(JobConfig config) {
    Configuration conf = new Configuration();
    conf.set(CoreOptions.DEFAULT_PARALLELISM, config.parallelism());
    conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, config.checkpoints().interval());
    conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
    conf.set(CheckpointingOptions.CHECKPOINTING_TIMEOUT, config.checkpoints().timeout());
    conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
        ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
    conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, config.checkpoints().directory());
    conf.set(CheckpointingOptions.SAVEPOINT_DIRECTORY, config.checkpoints().savepointDirectory());
    conf.set(StateBackendOptions.STATE_BACKEND, config.state().backend().flinkName());
    conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, config.state().incremental());
    conf.set(PipelineOptions.MAX_PARALLELISM, config.state().maxParallelism());
    conf.set(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER, config.checkpoints().tolerableFailures());
    conf.set(CheckpointingOptions.ENABLE_UNALIGNED, config.checkpoints().unaligned());
    conf.set(CheckpointingOptions.ALIGNED_CHECKPOINT_TIMEOUT, config.checkpoints().alignedTimeout());
    RestartSettings restart = config.restart();
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, restart.initialBackoff());
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, restart.maxBackoff());
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER, 2.0);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_JITTER_FACTOR, restart.jitter());
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD, restart.resetAfter());
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS,
        restart.unlimited() ? Integer.MAX_VALUE : restart.attempts());
    return conf;
  }

  /**
   * What flink-s3-fs-presto needs to reach the object store for {@code s3p://} state. On a
   * standalone cluster these belong in the cluster's own config file; the embedded runner sets
   * them itself. The endpoint keeps its scheme: without {@code http://} the plugin tries TLS.
   */
  public static Configuration s3FileSystem(ObjectStoreSettings store) {
    Configuration conf = new Configuration();
    conf.setString("s3.endpoint", store.endpoint().toString());
    conf.setString("s3.path.style.access", Boolean.toString(store.pathStyle()));
    conf.setString("s3.access-key", store.accessKey());
    conf.setString("s3.secret-key", store.secretKey());
    return conf;
  }
}
