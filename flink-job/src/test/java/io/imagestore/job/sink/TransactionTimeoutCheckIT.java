package io.imagestore.job.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagestore.config.ConfigException;
import io.imagestore.job.config.JobConfig;
import io.imagestore.job.runner.LocalJobRunner;
import io.imagestore.job.testing.TestJobConfigs;
import io.imagestore.stack.LocalStackExtension;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The broker's transaction.max.timeout.ms is read from the real broker and enforced before the job starts. */
class TransactionTimeoutCheckIT {
  @RegisterExtension
  static final LocalStackExtension STACK = new LocalStackExtension();

  @Test
  void readsTheBrokersLimit() {
    // The embedded broker is configured with transaction.max.timeout.ms=900000.
    assertThat(TransactionTimeoutCheck.brokerMaxTimeout(STACK.endpoints().kafkaBootstrap(), Duration.ofSeconds(10)))
        .contains(Duration.ofMillis(900_000));
  }

  @Test
  void theRunnerRefusesToStartAboveTheBrokersLimit(@TempDir Path work) {
    JobConfig config = TestJobConfigs.forStack(STACK.endpoints(), "timeout");
    JobConfig tooLong = config.withKafka(config.kafka().withTransactionTimeout(Duration.ofMinutes(16)));

    assertThatThrownBy(() -> LocalJobRunner.start(tooLong, work))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("kafka.transactionTimeout: 960000 ms")
        .hasMessageContaining("transaction.max.timeout.ms (900000 ms)");
  }
}
