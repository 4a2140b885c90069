package io.imagestore.job.runner;

import io.imagestore.job.config.JobConfig;
import io.imagestore.job.config.KafkaSettings;
import io.imagestore.job.testing.TestJobConfigs;
import io.imagestore.stack.LocalStackExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The fault scenario of {@link FaultRecoveryIT} with the fallback transaction naming strategy. */
class FaultRecoveryIncrementingIT {
  @RegisterExtension
  static final LocalStackExtension STACK = new LocalStackExtension();

  @TempDir
  Path work;

  @Test
  void failureMidStreamLosesAndDuplicatesNothingWithIncrementingTransactionIds() throws Exception {
    JobConfig config = TestJobConfigs.forStack(STACK.endpoints(), "fault-incrementing");
    FaultRecoveryIT.assertExactAfterAFault(STACK,
        config.withKafka(config.kafka().withTransactionNaming(KafkaSettings.TransactionNaming.INCREMENTING)), work);
  }
}
