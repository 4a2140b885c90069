package io.imagestore.job.sink;

import io.imagestore.job.records.RejectRecord;
import io.imagestore.schemas.ContractCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.flink.connector.kafka.lineage.DefaultKafkaDatasetFacet;
import org.apache.flink.connector.kafka.lineage.DefaultKafkaDatasetIdentifier;
import org.apache.flink.connector.kafka.lineage.KafkaDatasetFacet;
import org.apache.flink.connector.kafka.lineage.KafkaDatasetFacetProvider;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Rejects as contract JSON, keyed by imageId, or by the raw key of an unreadable event. */
public final class RejectRecordSerializer implements KafkaRecordSerializationSchema<RejectRecord>, KafkaDatasetFacetProvider {
  private static final long serialVersionUID = 1L;

  private final String topic;

  public RejectRecordSerializer(String topic) {
    this.topic = topic;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(RejectRecord record, KafkaSinkContext context, Long timestamp) {
    byte[] key = record.kafkaKey() == null ? null : record.kafkaKey().getBytes(StandardCharsets.UTF_8);
    // No timestamp: the producer stamps the record when it sends it. The stream's timestamp is the
    // upload event's, and a replay of old events (a rewound job, a reprocessing) would otherwise
    // write records that time-based retention deletes at once.
    return new ProducerRecord<>(topic, null, null, key, ContractCodec.shared().write(record.reject()));
  }

  /** The target topic; the POOLING naming strategy needs it to find lingering transactions. */
  @Override
  public Optional<KafkaDatasetFacet> getKafkaDatasetFacet() {
    return Optional.of(new DefaultKafkaDatasetFacet(DefaultKafkaDatasetIdentifier.ofTopics(List.of(topic))));
  }
}
