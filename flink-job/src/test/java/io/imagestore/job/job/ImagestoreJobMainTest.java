package io.imagestore.job.job;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagestore.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An invalid configuration stops the entry point before anything is submitted, naming the key. */
class ImagestoreJobMainTest {

  @Test
  void refusesAMissingRequiredKey() {
    assertThatThrownBy(() -> ImagestoreJobMain.main(new String[] {"--set", "kafka.bootstrap=127.0.0.1:1",
        "--set", "kafka.transactionalIdPrefix=imagestore-test"}))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("objectStore.endpoint: is required");
  }

  @Test
  void refusesATransactionTimeoutShorterThanACheckpointAndARestart(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("job.yaml"), """
        kafka: {bootstrap: "127.0.0.1:1", transactionTimeout: 1m, transactionalIdPrefix: imagestore-test}
        objectStore: {endpoint: "http://127.0.0.1:1", accessKey: a, secretKey: s}
        """);

    assertThatThrownBy(() -> ImagestoreJobMain.main(new String[] {"--config", file.toString()}))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("kafka.transactionTimeout: 60000 ms is too short");
  }
}
