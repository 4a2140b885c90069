package io.imagestore.job.sink;

import io.imagestore.job.config.KafkaSettings;
import io.imagestore.job.records.RejectRecord;
import io.imagestore.schemas.ImageMetadata;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.TransactionNamingStrategy;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The two exactly-once Kafka sinks. Records are written in a Kafka transaction per checkpoint and
 * committed when the checkpoint completes, so a read_committed consumer sees them only once the
 * state and source offsets that produced them are durable.
 *
 * <p>Each sink gets its own transactional-id prefix, derived from the deployment's prefix: two
 * sinks (or two deployments) sharing one would fence each other's producers. Transactions are
 * named with {@link TransactionNamingStrategy#POOLING} by default, which the connector recommends
 * for long-running jobs: it reuses a small pool of transactional ids instead of minting one per
 * checkpoint, each of which the broker would otherwise remember for
 * {@code transactional.id.expiration.ms} (7 days by default). It aborts lingering transactions by
 * listing them (ListTransactions, Kafka 3.0+ brokers). Connector 5.0.0-2.2 never closes the
 * Admin client each exactly-once writer opens for that, so every job (re)start leaves one idle
 * Admin client per sink subtask in the TaskManager JVM; {@code kafka.transactionNaming:
 * incrementing} avoids it at the cost of more transactional ids on the broker.
 */
public final class TransactionalSinks {
  public static final String METADATA_SUFFIX = "-metadata";
  public static final String REJECTS_SUFFIX = "-rejects";

  private TransactionalSinks() {}

  public static KafkaSink<ImageMetadata> metadata(KafkaSettings kafka) {
    return build(kafka, kafka.transactionalIdPrefix() + METADATA_SUFFIX,
        new MetadataRecordSerializer(kafka.metadataTopic()));
  }

  public static KafkaSink<RejectRecord> rejects(KafkaSettings kafka) {
    return build(kafka, kafka.transactionalIdPrefix() + REJECTS_SUFFIX,
        new RejectRecordSerializer(kafka.rejectsTopic()));
  }

  private static <T> KafkaSink<T> build(KafkaSettings kafka, String prefix, KafkaRecordSerializationSchema<T> serializer) {
    return KafkaSink.<T>builder()
        .setBootstrapServers(kafka.bootstrap())
        .setRecordSerializer(serializer)
        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
        .setTransactionalIdPrefix(prefix)
        .setTransactionNamingStrategy(kafka.transactionNaming() == KafkaSettings.TransactionNaming.POOLING
            ? TransactionNamingStrategy.POOLING : TransactionNamingStrategy.INCREMENTING)
        .setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Long.toString(kafka.transactionTimeout().toMillis()))
        .build();
  }
}
