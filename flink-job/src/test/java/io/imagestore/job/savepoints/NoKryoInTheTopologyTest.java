package io.imagestore.job.savepoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagestore.job.config.JobConfig;
import io.imagestore.job.dedup.DeduplicateUploads;
import io.imagestore.job.job.FlinkSettings;
import io.imagestore.job.job.ImagestoreJob;
import io.imagestore.objectstore.ObjectStoreSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.api.java.typeutils.runtime.kryo.KryoSerializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/**
 * Savepoints keep the serializers' snapshots with the state, and a Kryo-serialized type is a
 * compatibility trap: its layout follows the class's fields and Kryo's registration order, so an
 * innocent refactoring makes old state unreadable. The dedup state and its key have Flink's own
 * basic serializers, and every record between operators (which unaligned checkpoints store too)
 * has the job's own.
 */
class NoKryoInTheTopologyTest {
  private static final JobConfig CONFIG = JobConfig.defaults("127.0.0.1:9092",
      ObjectStoreSettings.pathStyle("http://127.0.0.1:9000", "ak", "sk"));

  @Test
  void theDedupStateIsALongUnderAStringKey() {
    ValueStateDescriptor<Long> descriptor = DeduplicateUploads.stateDescriptor(JobConfig.DEFAULT_DEDUP_TTL);
    descriptor.initializeSerializerUnlessSet(new ExecutionConfig());

    assertThat(descriptor.getName()).isEqualTo("uploads-seen");
    assertThat(descriptor.getSerializer()).isInstanceOf(LongSerializer.class);
    StreamNode dedup = nodes().stream().filter(n -> ImagestoreJob.UID_DEDUP.equals(n.getTransformationUID()))
        .findFirst().orElseThrow();
    assertThat(dedup.getStateKeySerializer()).isInstanceOf(StringSerializer.class);
  }

  @Test
  void noOperatorReadsOrWritesWithKryo() {
    for (StreamNode node : nodes()) {
      List<TypeSerializer<?>> serializers = new ArrayList<>(Arrays.asList(node.getTypeSerializersIn()));
      serializers.add(node.getTypeSerializerOut());
      serializers.add(node.getStateKeySerializer());
      assertThat(serializers.stream().filter(Objects::nonNull))
          .as("serializers of '%s' (%s)", node.getOperatorName(), node.getTransformationUID())
          .noneMatch(s -> s instanceof KryoSerializer);
    }
  }

  private static List<StreamNode> nodes() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(FlinkSettings.job(CONFIG));
    ImagestoreJob.withKafka(CONFIG).build(env);
    return List.copyOf(env.getStreamGraph().getStreamNodes());
  }
}
