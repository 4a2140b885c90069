package io.imagestore.job.config;

import java.io.Serializable;
import java.time.Duration;

/**
 * Kafka connection, topics and exactly-once settings.
 *
 * @param transactionalIdPrefix unique per deployment: two jobs sharing a prefix fence each other's
 *     transactions; both sinks derive their own prefix from it
 * @param transactionTimeout how long the broker keeps a sink transaction open; must outlast a
 *     checkpoint interval plus a restart (checked at start-up)
 */
public record KafkaSettings(
    String bootstrap,
    String uploadsTopic,
    String metadataTopic,
    String rejectsTopic,
    String consumerGroup,
    String transactionalIdPrefix,
    Duration transactionTimeout)
    implements Serializable {

  public static final String DEFAULT_UPLOADS = "image-uploads";
  public static final String DEFAULT_METADATA = "image-metadata";
  public static final String DEFAULT_REJECTS = "image-rejects";
  public static final String DEFAULT_GROUP = "imagestore-job";
  public static final String DEFAULT_TX_PREFIX = "imagestore";
  /** Below the broker's default transaction.max.timeout.ms (15 min), far above 10 s checkpoints. */
  public static final Duration DEFAULT_TX_TIMEOUT = Duration.ofMinutes(10);

  public static KafkaSettings defaults(String bootstrap) {
    return new KafkaSettings(bootstrap, DEFAULT_UPLOADS, DEFAULT_METADATA, DEFAULT_REJECTS,
        DEFAULT_GROUP, DEFAULT_TX_PREFIX, DEFAULT_TX_TIMEOUT);
  }

  public KafkaSettings withBootstrap(String value) {
    return new KafkaSettings(value, uploadsTopic, metadataTopic, rejectsTopic, consumerGroup, transactionalIdPrefix, transactionTimeout);
  }

  public KafkaSettings withTopics(String uploads, String metadata, String rejects) {
    return new KafkaSettings(bootstrap, uploads, metadata, rejects, consumerGroup, transactionalIdPrefix, transactionTimeout);
  }

  public KafkaSettings withConsumerGroup(String value) {
    return new KafkaSettings(bootstrap, uploadsTopic, metadataTopic, rejectsTopic, value, transactionalIdPrefix, transactionTimeout);
  }

  public KafkaSettings withTransactionalIdPrefix(String value) {
    return new KafkaSettings(bootstrap, uploadsTopic, metadataTopic, rejectsTopic, consumerGroup, value, transactionTimeout);
  }

  public KafkaSettings withTransactionTimeout(Duration value) {
    return new KafkaSettings(bootstrap, uploadsTopic, metadataTopic, rejectsTopic, consumerGroup, transactionalIdPrefix, value);
  }
}
