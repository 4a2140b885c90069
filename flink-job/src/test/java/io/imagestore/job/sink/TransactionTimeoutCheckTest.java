package io.imagestore.job.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagestore.config.ConfigException;
import io.imagestore.job.config.CheckpointSettings;
import io.imagestore.job.config.JobConfig;
import io.imagestore.job.config.RestartSettings;
import io.imagestore.objectstore.ObjectStoreSettings;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TransactionTimeoutCheckTest {
  /** The job's own defaults, as a data engineer gets them without a restart or checkpoint section. */
  private static final JobConfig BASE = JobConfig.defaults("127.0.0.1:9092",
      ObjectStoreSettings.pathStyle("http://127.0.0.1:9000", "ak", "sk"));

  @Test
  void defaultsFitTheirOwnTransactionTimeoutAndTheDefaultBrokerLimit() {
    assertThat(BASE.checkpoints().tolerableFailures()).isEqualTo(2);
    assertThat(BASE.restart().unlimited()).isTrue();
    assertThatCode(() -> TransactionTimeoutCheck.validate(BASE, Optional.of(Duration.ofMinutes(15))))
        .doesNotThrowAnyException();
  }

  @Test
  void minimumCoversEveryToleratedCheckpointTheLongestBackoffAndRecovery() {
    // 3 × (10 s + 2 min) + 90 s × 1.1 + 1 min
    assertThat(TransactionTimeoutCheck.minimumFor(BASE)).isEqualTo(Duration.ofSeconds(3 * 130 + 99 + 60));
  }

  @Test
  void moreToleratedCheckpointFailuresNeedALongerTimeout() {
    JobConfig tolerant = BASE.withCheckpoints(new CheckpointSettings(Duration.ofSeconds(10), Duration.ofMinutes(2),
        "s3p://s/c", "s3p://s/s", 5));

    assertThatThrownBy(() -> TransactionTimeoutCheck.validate(tolerant, Optional.empty()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("6 × (10000 ms + 120000 ms)");
  }

  @Test
  void theLongestBackoffCountsWithItsJitter() {
    JobConfig slowRestarts = BASE.withRestart(new RestartSettings(Duration.ofSeconds(1), Duration.ofMinutes(4), 0.5,
        Duration.ofMinutes(10), RestartSettings.UNLIMITED));

    assertThat(TransactionTimeoutCheck.minimumFor(slowRestarts)).isEqualTo(Duration.ofSeconds(3 * 130 + 360 + 60));
    assertThatThrownBy(() -> TransactionTimeoutCheck.validate(slowRestarts, Optional.empty()))
        .hasMessageContaining("restart.maxBackoff with its jitter (360000 ms)");
  }

  @Test
  void tooShortATimeoutIsRefusedNamingBothValues() {
    JobConfig config = BASE.withKafka(BASE.kafka().withTransactionTimeout(Duration.ofMinutes(2)));

    assertThatThrownBy(() -> TransactionTimeoutCheck.validate(config, Optional.empty()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("kafka.transactionTimeout: 120000 ms is too short")
        .hasMessageContaining("3 × (10000 ms + 120000 ms)")
        .hasMessageContaining("restart.maxBackoff with its jitter (99000 ms)")
        .hasMessageContaining("= " + TransactionTimeoutCheck.minimumFor(config).toMillis() + " ms");
  }

  @Test
  void aTimeoutAboveTheBrokersCapIsRefusedNamingBothValues() {
    JobConfig config = BASE.withKafka(BASE.kafka().withTransactionTimeout(Duration.ofMinutes(20)));

    assertThatThrownBy(() -> TransactionTimeoutCheck.validate(config, Optional.of(Duration.ofMinutes(15))))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("kafka.transactionTimeout: 1200000 ms")
        .hasMessageContaining("transaction.max.timeout.ms (900000 ms)");
  }

  @Test
  void anUnreachableBrokerOnlySkipsTheBrokerCheck() {
    // Nothing listens on port 1: the broker's cap is unknown, the job's own rule still applies.
    assertThat(TransactionTimeoutCheck.brokerMaxTimeout("127.0.0.1:1", Duration.ofMillis(500))).isEmpty();
  }
}
