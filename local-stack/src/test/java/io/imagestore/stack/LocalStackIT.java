package io.imagestore.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagestore.objectstore.S3Clients;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The embedded stack on its own: real broker, real S3 server, a restart on the same data dir. */
class LocalStackIT {

  @TempDir Path dataDir;

  @Test
  void startsServesRestartsWithItsDataAndReleasesItsPorts() throws Exception {
    StackSettings settings = StackSettings.ephemeral(dataDir);
    long t0 = System.nanoTime();
    LocalStack stack = LocalStack.start(settings);
    System.out.printf("embedded stack started in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    StackEndpoints endpoints = stack.endpoints();
    int kafkaPort = URI.create("tcp://" + endpoints.kafkaBootstrap()).getPort();
    int s3Port = endpoints.objectStore().endpoint().getPort();
    byte[] big = randomBytes(12 * 1024 * 1024);
    try (S3Client s3 = S3Clients.create(endpoints.objectStore(), 4)) {
      assertThat(s3.listBuckets().buckets()).extracting(b -> b.name())
          .containsExactlyInAnyOrderElementsOf(settings.buckets().all());
      assertThat(stack.kafka().admin().listTopics().names().get())
          .containsAll(settings.topics().all());

      produce(endpoints, "before-restart");
      s3.putObject(b -> b.bucket("originals").key("kept/one.txt"), RequestBody.fromString("one"));
      multipartPut(s3, "originals", "kept/big.bin", big);
    } finally {
      stack.close();
    }
    assertThat(Files.exists(settings.stackEnvFile())).as("stack.env removed on stop").isFalse();
    assertThat(canBind(kafkaPort)).as("Kafka port released").isTrue();
    assertThat(canBind(s3Port)).as("S3 port released").isTrue();

    // Same data dir, same ports: what was stored is still there.
    try (LocalStack again = LocalStack.start(settings.withPorts(kafkaPort, s3Port));
        S3Client s3 = S3Clients.create(again.endpoints().objectStore(), 4)) {
      assertThat(s3.getObjectAsBytes(b -> b.bucket("originals").key("kept/one.txt")).asUtf8String())
          .isEqualTo("one");
      assertThat(s3.getObjectAsBytes(b -> b.bucket("originals").key("kept/big.bin")).asByteArray())
          .isEqualTo(big);
      assertThat(values(TopicReader.readCommitted(again.endpoints().kafkaBootstrap(),
          "image-uploads", 1, Duration.ofSeconds(30))))
          .containsExactly("before-restart");
    }
  }

  @Test
  void stackEnvNamesEveryEndpointAndIsShellSourceable() throws Exception {
    try (LocalStack stack = LocalStack.start(StackSettings.ephemeral(dataDir))) {
      Path env = stack.settings().stackEnvFile();
      Process shell = new ProcessBuilder("bash", "-c",
          "set -a; . \"$0\"; printf '%s|%s|%s|%s|%s|%s|%s|%s|%s' \"$IMAGESTORE_KAFKA_BOOTSTRAP\" "
              + "\"$IMAGESTORE_S3_ENDPOINT\" \"$AWS_ACCESS_KEY_ID\" \"$AWS_SECRET_ACCESS_KEY\" "
              + "\"$IMAGESTORE_ORIGINALS_BUCKET\" \"$IMAGESTORE_RENDITIONS_BUCKET\" "
              + "\"$IMAGESTORE_UPLOADS_TOPIC\" \"$IMAGESTORE_METADATA_TOPIC\" \"$IMAGESTORE_REJECTS_TOPIC\"",
          env.toString()).redirectErrorStream(true).start();
      String out = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(shell.waitFor()).isZero();
      StackEndpoints e = stack.endpoints();
      assertThat(out).isEqualTo(String.join("|", e.kafkaBootstrap(), e.objectStore().endpoint().toString(),
          e.objectStore().accessKey(), e.objectStore().secretKey(), "originals", "renditions",
          "image-uploads", "image-metadata", "image-rejects"));
    }
  }

  @Test
  void componentsStartAfterTheServersAndStopFirstAndAddToStackEnv() throws Exception {
    List<String> events = new ArrayList<>();
    StackComponent probe = new StackComponent() {
      @Override public String name() { return "probe"; }
      @Override public void start(StackEndpoints endpoints) { events.add("start:" + endpoints.kafkaBootstrap()); }
      @Override public Map<String, String> env() { return Map.of("IMAGESTORE_PROBE", "it's here"); }
      @Override public void close() { events.add("close"); }
    };
    List<String> progress = new ArrayList<>();
    try (LocalStack stack = LocalStack.start(StackSettings.ephemeral(dataDir), List.of(probe), progress::add)) {
      assertThat(events).containsExactly("start:" + stack.endpoints().kafkaBootstrap());
      assertThat(Files.readString(stack.settings().stackEnvFile())).contains("IMAGESTORE_PROBE='it'\\''s here'");
      assertThat(progress).anyMatch(l -> l.startsWith("probe up"));
    }
    assertThat(events).containsExactly(events.get(0), "close");
  }

  @Test
  void aComponentThatFailsToStartStopsTheWholeStack() throws Exception {
    StackComponent broken = new StackComponent() {
      @Override public String name() { return "broken"; }
      @Override public void start(StackEndpoints endpoints) { throw new IllegalStateException("no config"); }
      @Override public void close() {}
    };
    StackSettings settings = StackSettings.ephemeral(dataDir);
    try {
      LocalStack.start(settings, List.of(broken), line -> {});
      throw new AssertionError("start should have failed");
    } catch (IllegalStateException e) {
      assertThat(e).hasMessageContaining("broken did not start: no config");
    }
    assertThat(Files.exists(settings.stackEnvFile())).isFalse();
  }

  @Test
  void aBrokerWhoseControllerPortWasTakenStartsOnAnotherInsteadOfHaltingTheJvm() throws Exception {
    // The controller's port is chosen before it binds; a KRaft controller that cannot bind halts
    // the JVM (this test's JVM, or the whole quick start).
    int port = FreePorts.pick("127.0.0.1");
    EmbeddedKafka kafka = new EmbeddedKafka(dataDir.resolve("kafka"), "127.0.0.1", port);
    try (ServerSocket controllerPortTaken = new ServerSocket(port + 1, 1, InetAddress.getByName("127.0.0.1"));
        kafka) {
      kafka.start();
      kafka.createTopics(List.of("probe"), 1);
      try (var admin = kafka.admin()) {
        assertThat(admin.listTopics().names().get()).contains("probe");
      }
    }
  }

  private static void produce(StackEndpoints endpoints, String value) throws Exception {
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrap(),
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>("image-uploads", "k", value)).get();
    }
  }

  static void multipartPut(S3Client s3, String bucket, String key, byte[] data) {
    String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
    int partSize = 5 * 1024 * 1024;
    List<CompletedPart> parts = new ArrayList<>();
    for (int offset = 0, number = 1; offset < data.length; offset += partSize, number++) {
      int len = Math.min(partSize, data.length - offset);
      int n = number;
      String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(n),
          RequestBody.fromBytes(java.util.Arrays.copyOfRange(data, offset, offset + len))).eTag();
      parts.add(CompletedPart.builder().partNumber(n).eTag(etag).build());
    }
    s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
        .multipartUpload(m -> m.parts(parts)));
  }

  static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    new Random(42).nextBytes(b);
    return b;
  }

  static List<String> values(List<ConsumerRecord<String, byte[]>> records) {
    return records.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
  }

  private static boolean canBind(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static List<String> keys(S3Client s3, String bucket) {
    return s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().map(S3Object::key).toList();
  }
}
