package io.imagestore.job.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagestore.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobConfigFileTest {
  private static final String MINIMAL = """
      kafka:
        bootstrap: 127.0.0.1:9092
        transactionalIdPrefix: imagestore-test
      objectStore:
        endpoint: http://127.0.0.1:9000
        accessKey: ak
        secretKey: sk
      """;

  private static final String FULL = """
      kafka:
        bootstrap: broker-1:9092,broker-2:9092
        topics: {uploads: up, metadata: meta, rejects: rej}
        consumerGroup: imagestore-prod
        transactionalIdPrefix: imagestore-prod-eu1
        transactionTimeout: 12m
        transactionNaming: incrementing
      objectStore:
        endpoint: http://rgw.internal:7480
        region: eu-1
        accessKey: ${S3_KEY}
        secretKey: ${S3_SECRET}
        pathStyle: true
        buckets: {originals: orig, renditions: rend, state: state-eu1}
      checkpoints:
        interval: 30s
        timeout: 2m
        tolerableFailures: 1
      restart: {initialBackoff: 2s, maxBackoff: 2m, jitter: 0.2, resetAfter: 30m, attempts: 20}
      parallelism: 8
      dedup: {ttl: 90d}
      limits: {maxPixels: 50000000, maxBytes: 104857600}
      storage:
        retries: {attempts: 6, initialBackoff: 100ms, maxBackoff: 10s, attemptTimeout: 20s, callTimeout: 90s}
      profiles:
        default:
          renditions:
            - {name: thumb, longEdge: 256}
        portrait:
          crop: {aspect: "4:5"}
          renditions:
            - {name: card, box: [400, 500], quality: 80}
            - {name: full, longEdge: 2048, quality: 90}
        banner:
          crop: {rectangle: [0, 100, 1920, 600]}
      routes:
        - {source: studio, pathPrefix: /portraits/, profile: portrait}
        - {source: web, profile: banner}
      """;

  @Test
  void aFileWithoutATransactionalIdPrefixIsRefusedSayingWhyItMustBeUnique() {
    String withoutPrefix = MINIMAL.replace("  transactionalIdPrefix: imagestore-test\n", "");
    assertThat(withoutPrefix).doesNotContain("transactionalIdPrefix");

    assertThatThrownBy(() -> JobConfigFile.parse(withoutPrefix, List.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("kafka.transactionalIdPrefix: is required and must be unique per deployment")
        .hasMessageContaining("abort each other's transactions");
    assertThat(JobConfigFile.parse(withoutPrefix, List.of("kafka.transactionalIdPrefix=imagestore-prod-eu1"), Map.of())
        .kafka().transactionalIdPrefix()).isEqualTo("imagestore-prod-eu1");
  }

  @Test
  void minimalFileGetsTheDocumentedDefaults() {
    JobConfig config = JobConfigFile.parse(MINIMAL, List.of(), Map.of());

    assertThat(config.kafka().uploadsTopic()).isEqualTo("image-uploads");
    assertThat(config.kafka().metadataTopic()).isEqualTo("image-metadata");
    assertThat(config.kafka().rejectsTopic()).isEqualTo("image-rejects");
    assertThat(config.kafka().transactionTimeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(config.kafka().transactionNaming()).isEqualTo(KafkaSettings.TransactionNaming.POOLING);
    assertThat(config.checkpoints().interval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.checkpoints().directory()).isEqualTo("s3p://flink-state/checkpoints");
    assertThat(config.checkpoints().savepointDirectory()).isEqualTo("s3p://flink-state/savepoints");
    assertThat(config.checkpoints().timeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.checkpoints().tolerableFailures()).isEqualTo(2);
    assertThat(config.checkpoints().unaligned()).isTrue();
    assertThat(config.checkpoints().alignedTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.state()).isEqualTo(StateSettings.defaults());
    assertThat(config.restart()).isEqualTo(RestartSettings.defaults());
    assertThat(config.restart().unlimited()).as("no lifetime restart limit by default").isTrue();
    assertThat(config.dedupTtl()).isEqualTo(Duration.ofDays(30));
    assertThat(config.parallelism()).isEqualTo(2);
    assertThat(config.limits().maxPixels()).isEqualTo(100_000_000L);
    assertThat(config.objectStore().pathStyle()).isTrue();
    assertThat(config.profiles().profile("default")).isEqualTo(ProfileSettings.defaults());
    assertThat(config.processing()).isEqualTo(ProcessingSettings.defaults());
    JobConfig defaults = JobConfig.defaults("127.0.0.1:9092",
        io.imagestore.objectstore.ObjectStoreSettings.pathStyle("http://127.0.0.1:9000", "ak", "sk"));
    assertThat(config).isEqualTo(defaults.withKafka(defaults.kafka().withTransactionalIdPrefix("imagestore-test")));
  }

  @Test
  void fullFileIsReadCompletely() {
    JobConfig config = JobConfigFile.parse(FULL, List.of(), Map.of("S3_KEY", "key-from-env", "S3_SECRET", "secret-from-env"));

    assertThat(config.kafka()).isEqualTo(new KafkaSettings("broker-1:9092,broker-2:9092", "up", "meta", "rej",
        "imagestore-prod", "imagestore-prod-eu1", Duration.ofMinutes(12), KafkaSettings.TransactionNaming.INCREMENTING));
    assertThat(config.objectStore().accessKey()).isEqualTo("key-from-env");
    assertThat(config.objectStore().secretKey()).isEqualTo("secret-from-env");
    assertThat(config.objectStore().region()).isEqualTo("eu-1");
    assertThat(config.buckets()).isEqualTo(new BucketNames("orig", "rend", "state-eu1"));
    assertThat(config.checkpoints()).isEqualTo(new CheckpointSettings(Duration.ofSeconds(30), Duration.ofMinutes(2),
        "s3p://state-eu1/checkpoints", "s3p://state-eu1/savepoints", 1));
    assertThat(config.restart()).isEqualTo(new RestartSettings(Duration.ofSeconds(2), Duration.ofMinutes(2), 0.2,
        Duration.ofMinutes(30), 20));
    assertThat(config.parallelism()).isEqualTo(8);
    assertThat(config.dedupTtl()).isEqualTo(Duration.ofDays(90));
    assertThat(config.limits()).isEqualTo(new ImageLimitSettings(50_000_000L, 104_857_600L));
    assertThat(config.storageRetries()).isEqualTo(new RetrySettings(6, Duration.ofMillis(100), Duration.ofSeconds(10),
        Duration.ofSeconds(20), Duration.ofSeconds(90)));
    assertThat(config.profiles().profile("default").renditions())
        .containsExactly(RenditionSettings.longEdge("thumb", 256, 85));
    assertThat(config.profiles().profile("portrait")).isEqualTo(new ProfileSettings(CropSettings.aspect(4, 5),
        List.of(RenditionSettings.box("card", 400, 500, 80), RenditionSettings.longEdge("full", 2048, 90))));
    assertThat(config.profiles().profile("banner").crop()).isEqualTo(CropSettings.rectangle(0, 100, 1920, 600));
    assertThat(config.profiles().profile("banner").renditions()).isEqualTo(ProfileSettings.defaults().renditions());
  }

  @Test
  void routesChooseTheProfilePerSourceAndDirectory() {
    ProfileCatalog profiles = JobConfigFile.parse(FULL, List.of(), Map.of("S3_KEY", "k", "S3_SECRET", "s")).profiles();

    assertThat(profiles.select("studio", "/portraits/anna.jpg")).isEqualTo("portrait");
    assertThat(profiles.select("studio", "/products/mug.jpg")).isEqualTo("default");
    assertThat(profiles.select("web", "/anything.png")).isEqualTo("banner");
    assertThat(profiles.select("camera-7", "/portraits/x.jpg")).isEqualTo("default");
  }

  @Test
  void overridesReplaceFileValuesAndAcceptYaml() {
    JobConfig config = JobConfigFile.parse(MINIMAL, List.of(
        "kafka.bootstrap=other:9093",
        "checkpoints.interval=2s",
        "parallelism=4",
        "profiles.default.renditions=[{name: small, longEdge: 100}]"), Map.of());

    assertThat(config.kafka().bootstrap()).isEqualTo("other:9093");
    assertThat(config.checkpoints().interval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.parallelism()).isEqualTo(4);
    assertThat(config.profiles().profile("default").renditions())
        .containsExactly(RenditionSettings.longEdge("small", 100, 85));
  }

  @Test
  void commandLineNamesTheFileAndOverrides(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("job.yaml"), MINIMAL);

    JobConfig config = JobConfigFile.fromArgs(
        new String[] {"--config", file.toString(), "--set", "dedup.ttl=7d"}, Map.of());

    assertThat(config.dedupTtl()).isEqualTo(Duration.ofDays(7));
    assertThatThrownBy(() -> JobConfigFile.fromArgs(new String[] {"--bogus"}, Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("--bogus");
  }

  @Test
  void unknownKeysAreRefusedByName() {
    assertThatThrownBy(() -> JobConfigFile.parse(MINIMAL + "checkpoints:\n  intervall: 5s\n", List.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("checkpoints.intervall"))
        // as docs/flink-job.md shows it
        .hasMessage("checkpoints.intervall: unknown key (known here: alignedTimeout, directory, interval,"
            + " savepointDirectory, timeout, tolerableFailures, unaligned)");
  }

  @Test
  void missingEnvironmentVariableIsNamed() {
    assertThatThrownBy(() -> JobConfigFile.parse(FULL, List.of(), Map.of("S3_KEY", "k")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("objectStore.secretKey:")
        .hasMessageContaining("S3_SECRET");
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
      "kafka.bootstrap|''|kafka.bootstrap",
      "kafka.topics.metadata|'bad topic!'|kafka.topics.metadata",
      "kafka.topics.rejects|image-metadata|kafka.topics.rejects",
      "kafka.transactionalIdPrefix|'a b'|kafka.transactionalIdPrefix",
      "kafka.transactionTimeout|soon|kafka.transactionTimeout",
      "kafka.transactionNaming|random|kafka.transactionNaming",
      "objectStore.endpoint|'127.0.0.1:9000'|objectStore.endpoint",
      "objectStore.buckets.state|Bad_Bucket|objectStore.buckets.state",
      "objectStore.pathStyle|maybe|objectStore.pathStyle",
      "checkpoints.interval|0s|checkpoints.interval",
      "checkpoints.directory|/local/path|checkpoints.directory",
      "restart.attempts|-1|restart.attempts",
      "restart.jitter|1.5|restart.jitter",
      "restart.jitter|lots|restart.jitter",
      "restart.maxBackoff|100ms|restart.maxBackoff",
      "restart.initialBackoff|0s|restart.initialBackoff",
      "restart.delay|10s|restart.delay",
      "restart.attempts|2|restart.attempts",
      "checkpoints.tolerableFailures|-1|checkpoints.tolerableFailures",
      "checkpoints.alignedTimeout|-1s|checkpoints.alignedTimeout",
      "state.backend|memory|state.backend",
      "state.incremental|sometimes|state.incremental",
      "state.maxParallelism|0|state.maxParallelism",
      "parallelism|200|parallelism",
      "parallelism|0|parallelism",
      "parallelism|two|parallelism",
      "dedup.ttl|-5d|dedup.ttl",
      "limits.maxPixels|0|limits.maxPixels",
      "storage.retries.attempts|0|storage.retries.attempts",
      "storage.retries.callTimeout|1s|storage.retries.callTimeout",
      "storage.retries.attemptTimeout|0s|storage.retries.attemptTimeout",
      "profiles.default.renditions|[]|profiles.default.renditions",
      "profiles.default.renditions|'[{name: thumb, longEdge: 0}]'|profiles.default.renditions[0].longEdge",
      "profiles.default.renditions|'[{name: thumb}]'|profiles.default.renditions[0].longEdge",
      "profiles.default.renditions|'[{name: Thumb/1, longEdge: 9}]'|profiles.default.renditions[0].name",
      "profiles.default.renditions|'[{name: a, longEdge: 9}, {name: a, longEdge: 8}]'|profiles.default.renditions[1].name",
      "profiles.default.renditions|'[{name: a, longEdge: 9, quality: 101}]'|profiles.default.renditions[0].quality",
      "profiles.default.crop|'{aspect: wide}'|profiles.default.crop.aspect",
      "profiles.default.crop|'{rectangle: [0, 0, 0, 10]}'|profiles.default.crop.rectangle",
      "profiles.default.crop|diagonal|profiles.default.crop",
      "routes|'[{source: a, profile: nope}]'|routes[0].profile",
  })
  void invalidValuesAreRefusedNamingTheKey(String key, String value, String expectedKey) {
    assertThatThrownBy(() -> JobConfigFile.parse(MINIMAL, List.of(key + "=" + value), Map.of()))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo(expectedKey))
        .hasMessageStartingWith(expectedKey + ":");
  }

  @Test
  void brokenYamlIsReported() {
    assertThatThrownBy(() -> JobConfigFile.parse("kafka: [unclosed", List.of(), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("not valid YAML");
  }
}
