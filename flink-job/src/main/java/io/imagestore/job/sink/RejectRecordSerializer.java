package io.imagestore.job.sink;

import io.imagestore.job.records.RejectRecord;
import io.imagestore.schemas.ContractCodec;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Rejects as contract JSON, keyed by imageId, or by the raw key of an unreadable event. */
public final class RejectRecordSerializer implements KafkaRecordSerializationSchema<RejectRecord> {
  private static final long serialVersionUID = 1L;

  private final String topic;

  public RejectRecordSerializer(String topic) {
    this.topic = topic;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(RejectRecord record, KafkaSinkContext context, Long timestamp) {
    byte[] key = record.kafkaKey() == null ? null : record.kafkaKey().getBytes(StandardCharsets.UTF_8);
    return new ProducerRecord<>(topic, null, timestamp, key, ContractCodec.shared().write(record.reject()));
  }
}
