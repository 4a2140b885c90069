package io.imagestore.job.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagestore.job.config.CheckpointSettings;
import io.imagestore.job.config.ConfigException;
import io.imagestore.job.config.JobConfig;
import io.imagestore.job.config.RestartSettings;
import io.imagestore.objectstore.ObjectStoreSettings;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TransactionTimeoutCheckTest {
  private static final JobConfig BASE = JobConfig.defaults("127.0.0.1:9092",
          ObjectStoreSettings.pathStyle("http://127.0.0.1:9000", "ak", "sk"))
      .withCheckpoints(CheckpointSettings.inBucket("flink-state").withInterval(Duration.ofSeconds(10)))
      .withRestart(new RestartSettings(3, Duration.ofSeconds(10)));

  @Test
  void defaultsFitTheDefaultBrokerLimit() {
    assertThatCode(() -> TransactionTimeoutCheck.validate(BASE, Optional.of(Duration.ofMinutes(15))))
        .doesNotThrowAnyException();
  }

  @Test
  void minimumCoversIntervalCheckpointTimeoutRestartAndRecovery() {
    assertThat(TransactionTimeoutCheck.minimumFor(BASE)).isEqualTo(
        Duration.ofSeconds(10).plus(CheckpointSettings.DEFAULT_TIMEOUT).plus(Duration.ofSeconds(10))
            .plus(TransactionTimeoutCheck.RECOVERY_MARGIN));
  }

  @Test
  void tooShortATimeoutIsRefusedNamingBothValues() {
    JobConfig config = BASE.withKafka(BASE.kafka().withTransactionTimeout(Duration.ofMinutes(2)));

    assertThatThrownBy(() -> TransactionTimeoutCheck.validate(config, Optional.empty()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("kafka.transactionTimeout: 120000 ms is too short")
        .hasMessageContaining("checkpoints.interval (10000 ms)")
        .hasMessageContaining("restart.delay (10000 ms)")
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
