package io.imagestore.job.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.imagestore.job.sink.TransactionTimeoutCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The job config the compose topology ships is valid, and is the production configuration the docs describe. */
class DockerJobConfigTest {
  private static final Map<String, String> ENV = Map.of(
      "KAFKA_BOOTSTRAP", "kafka-1:9092,kafka-2:9092,kafka-3:9092",
      "IMAGESTORE_S3_ENDPOINT", "http://rgw:7480",
      "AWS_REGION", "us-east-1",
      "AWS_ACCESS_KEY_ID", "ak",
      "AWS_SECRET_ACCESS_KEY", "sk",
      "IMAGESTORE_ORIGINALS_BUCKET", "originals",
      "IMAGESTORE_RENDITIONS_BUCKET", "renditions",
      "IMAGESTORE_STATE_BUCKET", "flink-state",
      "IMAGESTORE_TRANSACTIONAL_ID_PREFIX", "imagestore-prod-eu1");

  @Test
  void theComposeJobConfigIsValidAndProductionShaped() throws Exception {
    Path file = Path.of("..", "docker", "config", "job.yaml");
    JobConfig config = JobConfigFile.parse(Files.readString(file), List.of(), ENV);

    assertThat(config.state()).isEqualTo(StateSettings.defaults());
    assertThat(config.restart()).isEqualTo(RestartSettings.defaults());
    assertThat(config.checkpoints().tolerableFailures()).isEqualTo(2);
    assertThat(config.checkpoints().unaligned()).isTrue();
    assertThat(config.kafka().transactionalIdPrefix()).isEqualTo("imagestore-prod-eu1");
    // Kafka's default transaction.max.timeout.ms is 15 min.
    assertThatCode(() -> TransactionTimeoutCheck.validate(config, Optional.of(Duration.ofMinutes(15))))
        .doesNotThrowAnyException();
  }
}
