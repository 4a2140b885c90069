package io.imagestore.job.sink;

import io.imagestore.schemas.ContractCodec;
import io.imagestore.schemas.ImageMetadata;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.flink.connector.kafka.lineage.DefaultKafkaDatasetFacet;
import org.apache.flink.connector.kafka.lineage.DefaultKafkaDatasetIdentifier;
import org.apache.flink.connector.kafka.lineage.KafkaDatasetFacet;
import org.apache.flink.connector.kafka.lineage.KafkaDatasetFacetProvider;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Image metadata as contract JSON, keyed by imageId (the content hash). */
public final class MetadataRecordSerializer implements KafkaRecordSerializationSchema<ImageMetadata>, KafkaDatasetFacetProvider {
  private static final long serialVersionUID = 1L;

  private final String topic;

  public MetadataRecordSerializer(String topic) {
    this.topic = topic;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(ImageMetadata record, KafkaSinkContext context, Long timestamp) {
    // No timestamp: the producer stamps the record when it sends it. The stream's timestamp is the
    // upload event's, and a replay of old events (a rewound job, a reprocessing) would otherwise
    // write records that time-based retention deletes at once.
    return new ProducerRecord<>(topic, null, null,
        record.imageId().getBytes(StandardCharsets.UTF_8), ContractCodec.shared().write(record));
  }

  /** The target topic; the POOLING naming strategy needs it to find lingering transactions. */
  @Override
  public Optional<KafkaDatasetFacet> getKafkaDatasetFacet() {
    return Optional.of(new DefaultKafkaDatasetFacet(DefaultKafkaDatasetIdentifier.ofTopics(List.of(topic))));
  }
}
