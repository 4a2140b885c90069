package io.imagestore.job.source;

import io.imagestore.job.config.KafkaSettings;
import io.imagestore.job.records.RawUpload;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** The KafkaSource on the uploads topic. */
public final class UploadSource {
  private UploadSource() {}

  /**
   * Offsets live in checkpoints; they are also committed to the consumer group on each completed
   * checkpoint, so a start without state resumes where the group left off rather than replaying
   * the topic. Reads read_committed: the bridge's producer is idempotent, not transactional, but
   * this keeps the job correct should an upstream ever write transactionally.
   */
  public static KafkaSource<RawUpload> create(KafkaSettings kafka) {
    return KafkaSource.<RawUpload>builder()
        .setBootstrapServers(kafka.bootstrap())
        .setTopics(kafka.uploadsTopic())
        .setGroupId(kafka.consumerGroup())
        .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
        .setDeserializer(new RawUploadDeserializer())
        .setProperty("isolation.level", "read_committed")
        .setProperty("commit.offsets.on.checkpoint", "true")
        .build();
  }
}
