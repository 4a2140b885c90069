package io.imagestore.job.job;

import io.imagestore.job.config.JobConfig;
import io.imagestore.objectstore.ObjectStoreSettings;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.CheckpointingMode;

/** Translates a {@link JobConfig} into Flink configuration options. */
public final class FlinkSettings {
  private FlinkSettings() {}

  /**
   * Job-level options: exactly-once checkpoints on the object store, retained when the job is
   * cancelled (a FINISHED job still deletes them — stop-with-savepoint leaves the savepoint),
   * heap state (one Long per content hash), fixed-delay restarts.
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
    conf.set(StateBackendOptions.STATE_BACKEND, "hashmap");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, config.restart().attempts());
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, config.restart().delay());
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
