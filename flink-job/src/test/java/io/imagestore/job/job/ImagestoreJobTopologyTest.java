package io.imagestore.job.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagestore.job.config.JobConfig;
import io.imagestore.job.config.RestartSettings;
import io.imagestore.objectstore.ObjectStoreSettings;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

class ImagestoreJobTopologyTest {
  private static final JobConfig CONFIG = JobConfig.defaults("127.0.0.1:9092",
      ObjectStoreSettings.pathStyle("http://127.0.0.1:9000", "ak", "sk"));

  @Test
  void everyOperatorHasItsStableUidAndAName() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(FlinkSettings.job(CONFIG));
    ImagestoreJob.withKafka(CONFIG).build(env);
    StreamGraph graph = env.getStreamGraph();

    List<String> uids = graph.getStreamNodes().stream().map(StreamNode::getTransformationUID).toList();
    assertThat(uids).contains(ImagestoreJob.UID_SOURCE, ImagestoreJob.UID_PARSE, ImagestoreJob.UID_DEDUP,
        ImagestoreJob.UID_METADATA_SINK, ImagestoreJob.UID_REJECTS_SINK);
    // Sink committers derive their uid from the sink's; nothing is left to Flink's generated ids.
    assertThat(uids).doesNotContainNull();
    assertThat(graph.getStreamNodes()).allSatisfy(n -> assertThat(n.getOperatorName()).isNotBlank());
  }

  @Test
  void theUidsAreTheLiteralsEarlierSavepointsWereTakenWith() {
    // Literals, not the constants: renaming a constant must fail here, since a savepoint maps
    // state to operators by these strings and a changed uid silently drops the dedup state.
    assertThat(List.of(ImagestoreJob.UID_SOURCE, ImagestoreJob.UID_PARSE, ImagestoreJob.UID_DEDUP,
        ImagestoreJob.UID_METADATA_SINK, ImagestoreJob.UID_REJECTS_SINK)).containsExactly(
        "upload-events-source", "parse-upload-events", "dedup-by-content-hash", "image-metadata-sink",
        "image-rejects-sink");
  }

  @Test
  void restartsBackOffExponentiallyWithJitterAndNoLifetimeLimit() {
    Configuration conf = FlinkSettings.job(CONFIG);

    assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY)).isEqualTo("exponential-delay");
    assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF))
        .isEqualTo(Duration.ofSeconds(1));
    assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF))
        .isEqualTo(Duration.ofSeconds(90));
    assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_JITTER_FACTOR)).isEqualTo(0.1);
    assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD))
        .isEqualTo(Duration.ofMinutes(10));
    assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS)).isEqualTo(Integer.MAX_VALUE);
    assertThat(conf.get(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER)).isEqualTo(2);
  }

  @Test
  void checkpointsTurnUnalignedWhenAlignmentTakesLong() {
    Configuration conf = FlinkSettings.job(CONFIG);

    assertThat(conf.get(CheckpointingOptions.ENABLE_UNALIGNED)).isTrue();
    assertThat(conf.get(CheckpointingOptions.ALIGNED_CHECKPOINT_TIMEOUT)).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void stateIsRocksDbIncrementalWithAFixedMaxParallelism() {
    Configuration conf = FlinkSettings.job(CONFIG);

    assertThat(conf.get(org.apache.flink.configuration.StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
    assertThat(conf.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
    assertThat(conf.get(org.apache.flink.configuration.PipelineOptions.MAX_PARALLELISM)).isEqualTo(128);
  }

  @Test
  void aLimitedRestartBudgetIsPassedOn() {
    Configuration conf = FlinkSettings.job(CONFIG.withRestart(new RestartSettings(7, Duration.ofSeconds(3))));

    assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS)).isEqualTo(7);
    assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF))
        .isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void checkpointsAreExactlyOnceRetainedAndOnTheObjectStore() {
    Configuration conf = FlinkSettings.job(CONFIG);

    assertThat(conf.get(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE)).isEqualTo(CheckpointingMode.EXACTLY_ONCE);
    assertThat(conf.get(CheckpointingOptions.CHECKPOINTING_INTERVAL)).isEqualTo(java.time.Duration.ofSeconds(10));
    assertThat(conf.get(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION))
        .isEqualTo(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    assertThat(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isEqualTo("s3p://flink-state/checkpoints");
    assertThat(conf.get(CheckpointingOptions.SAVEPOINT_DIRECTORY)).isEqualTo("s3p://flink-state/savepoints");
  }
}
