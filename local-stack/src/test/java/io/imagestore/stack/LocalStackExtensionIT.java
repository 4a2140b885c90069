package io.imagestore.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** What integration tests of the other modules get from the extension: Kafka and S3 as they are. */
class LocalStackExtensionIT {

  @RegisterExtension static final LocalStackExtension STACK = new LocalStackExtension(2);

  @Test
  void transactionalProduceIsSeenByReadCommittedOnlyOnceCommitted(StackEndpoints endpoints) throws Exception {
    String topic = endpoints.topics().metadata();
    try (KafkaProducer<String, String> producer = transactionalProducer(endpoints)) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "a", "aborted-1"));
      producer.send(new ProducerRecord<>(topic, "b", "aborted-2"));
      producer.flush();
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "c", "committed-1"));
      producer.send(new ProducerRecord<>(topic, "d", "committed-2"));
      producer.commitTransaction();
      // An open transaction at the end: a read_committed consumer stops before it.
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "e", "open")).get();

      assertThat(LocalStackIT.values(TopicReader.readCommitted(
          endpoints.kafkaBootstrap(), topic, Duration.ofSeconds(3), Duration.ofSeconds(60))))
          .containsExactlyInAnyOrder("committed-1", "committed-2");
    }
  }

  @Test
  void objectsPutMultipartAndListed() {
    S3Client s3 = STACK.s3();
    String bucket = STACK.endpoints().buckets().renditions();
    byte[] big = LocalStackIT.randomBytes(11 * 1024 * 1024 + 17);
    s3.putObject(b -> b.bucket(bucket).key("a/small.txt"), RequestBody.fromString("small", StandardCharsets.UTF_8));
    LocalStackIT.multipartPut(s3, bucket, "a/big.bin", big);

    assertThat(LocalStackIT.keys(s3, bucket)).containsExactlyInAnyOrder("a/small.txt", "a/big.bin");
    assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("a/big.bin")).asByteArray()).isEqualTo(big);
    assertThat(s3.headObject(b -> b.bucket(bucket).key("a/big.bin")).contentLength()).isEqualTo(big.length);
  }

  @Test
  void parametersResolveToTheRunningStack(LocalStack stack, StackEndpoints endpoints) {
    assertThat(stack.endpoints()).isSameAs(endpoints);
    assertThat(endpoints.kafkaBootstrap()).startsWith("127.0.0.1:").doesNotEndWith(":9092");
    assertThat(stack.kafka().isRunning()).isTrue();
    assertThat(List.of(endpoints.topics().uploads())).containsExactly("image-uploads");
  }

  private static KafkaProducer<String, String> transactionalProducer(StackEndpoints endpoints) {
    return new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrap(),
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-" + UUID.randomUUID(),
        ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
  }
}
