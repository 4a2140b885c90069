package io.imagestore.job.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagestore.job.config.JobConfig;
import io.imagestore.objectstore.ObjectStoreSettings;
import java.util.List;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
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
        ImagestoreJob.UID_PROCESS, ImagestoreJob.UID_METADATA_SINK, ImagestoreJob.UID_REJECTS_SINK);
    // Sink committers derive their uid from the sink's; nothing is left to Flink's generated ids.
    assertThat(uids).doesNotContainNull();
    assertThat(graph.getStreamNodes()).allSatisfy(n -> assertThat(n.getOperatorName()).isNotBlank());
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
