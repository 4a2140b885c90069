package io.imagestore.job.config;

import static java.util.Objects.requireNonNullElse;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.imagestore.config.ConfigException;
import java.io.Serializable;
import java.time.Duration;

/**
 * Kafka connection, topics and exactly-once settings.
 *
 * @param transactionalIdPrefix unique per deployment: two jobs sharing a prefix fence each other's
 *     transactions; both sinks derive their own prefix from it
 * @param transactionTimeout how long the broker keeps a sink transaction open; must outlast a
 *     checkpoint interval plus a restart (checked at start-up)
 * @param transactionNaming how the sinks name their transactions (see {@link TransactionNaming})
 */
public record KafkaSettings(
    String bootstrap,
    String uploadsTopic,
    String metadataTopic,
    String rejectsTopic,
    String consumerGroup,
    String transactionalIdPrefix,
    Duration transactionTimeout,
    TransactionNaming transactionNaming)
    implements Serializable {

  /**
   * The Kafka connector's transaction naming strategies. {@code POOLING} (the default, as the
   * connector advises for long-running jobs) reuses a small pool of transactional ids and finds
   * lingering transactions with ListTransactions; {@code INCREMENTING} mints an id per checkpoint
   * (the broker keeps each for transactional.id.expiration.ms) and probes to abort — the
   * connector's 3.x behaviour, kept as a fallback for brokers or ACLs without ListTransactions.
   */
  public enum TransactionNaming { POOLING, INCREMENTING }

  public static final String DEFAULT_UPLOADS = "image-uploads";
  public static final String DEFAULT_METADATA = "image-metadata";
  public static final String DEFAULT_REJECTS = "image-rejects";
  public static final String DEFAULT_GROUP = "imagestore-job";
  public static final String DEFAULT_TX_PREFIX = "imagestore";
  /** Below the broker's default transaction.max.timeout.ms (15 min), far above 10 s checkpoints. */
  public static final Duration DEFAULT_TX_TIMEOUT = Duration.ofMinutes(10);

  /**
   * The file's {@code kafka} section. {@code transactionalIdPrefix} is required, with no default:
   * two deployments with the same prefix on one Kafka cluster abort each other's transactions at
   * every start, and the records of the one aborted are lost — a default would make that the
   * silent outcome of two copies of the same file.
   */
  @JsonCreator
  static KafkaSettings fromFile(@JsonProperty("bootstrap") String bootstrap, @JsonProperty("topics") Topics topics,
      @JsonProperty("consumerGroup") String consumerGroup,
      @JsonProperty("transactionalIdPrefix") String transactionalIdPrefix,
      @JsonProperty("transactionTimeout") Duration transactionTimeout,
      @JsonProperty("transactionNaming") TransactionNaming transactionNaming) {
    if (transactionalIdPrefix == null) {
      throw new ConfigException("kafka.transactionalIdPrefix", "is required and must be unique per deployment on"
          + " the Kafka cluster (e.g. imagestore-<environment>-<region>): jobs sharing it abort each other's"
          + " transactions and lose their records");
    }
    Topics t = topics == null ? Topics.of(null, null, null) : topics;
    return new KafkaSettings(bootstrap, t.uploads(), t.metadata(), t.rejects(),
        requireNonNullElse(consumerGroup, DEFAULT_GROUP), transactionalIdPrefix,
        requireNonNullElse(transactionTimeout, DEFAULT_TX_TIMEOUT),
        requireNonNullElse(transactionNaming, TransactionNaming.POOLING));
  }

  /** {@code kafka.topics}: uploads read, metadata and rejects written. */
  record Topics(String uploads, String metadata, String rejects) {
    @JsonCreator
    static Topics of(@JsonProperty("uploads") String uploads, @JsonProperty("metadata") String metadata,
        @JsonProperty("rejects") String rejects) {
      return new Topics(requireNonNullElse(uploads, DEFAULT_UPLOADS), requireNonNullElse(metadata, DEFAULT_METADATA),
          requireNonNullElse(rejects, DEFAULT_REJECTS));
    }
  }

  public static KafkaSettings defaults(String bootstrap) {
    return new KafkaSettings(bootstrap, DEFAULT_UPLOADS, DEFAULT_METADATA, DEFAULT_REJECTS,
        DEFAULT_GROUP, DEFAULT_TX_PREFIX, DEFAULT_TX_TIMEOUT, TransactionNaming.POOLING);
  }

  public KafkaSettings withBootstrap(String value) {
    return new KafkaSettings(value, uploadsTopic, metadataTopic, rejectsTopic, consumerGroup, transactionalIdPrefix, transactionTimeout, transactionNaming);
  }

  public KafkaSettings withTopics(String uploads, String metadata, String rejects) {
    return new KafkaSettings(bootstrap, uploads, metadata, rejects, consumerGroup, transactionalIdPrefix, transactionTimeout, transactionNaming);
  }

  public KafkaSettings withConsumerGroup(String value) {
    return new KafkaSettings(bootstrap, uploadsTopic, metadataTopic, rejectsTopic, value, transactionalIdPrefix, transactionTimeout, transactionNaming);
  }

  public KafkaSettings withTransactionalIdPrefix(String value) {
    return new KafkaSettings(bootstrap, uploadsTopic, metadataTopic, rejectsTopic, consumerGroup, value, transactionTimeout, transactionNaming);
  }

  public KafkaSettings withTransactionTimeout(Duration value) {
    return new KafkaSettings(bootstrap, uploadsTopic, metadataTopic, rejectsTopic, consumerGroup, transactionalIdPrefix, value, transactionNaming);
  }

  public KafkaSettings withTransactionNaming(TransactionNaming value) {
    return new KafkaSettings(bootstrap, uploadsTopic, metadataTopic, rejectsTopic, consumerGroup, transactionalIdPrefix, transactionTimeout, value);
  }
}
