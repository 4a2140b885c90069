package io.imagestore.cli.bench;

import io.imagestore.schemas.ContractCodec;
import io.imagestore.schemas.UploadEvent;
import io.imagestore.stack.StackEndpoints;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Does what the bridge does for many uploads at once, faster than FTP could: stores distinct
 * originals under their content-addressed keys, then produces their upload events. Each original
 * is one photo-sized JPEG made distinct by a comment segment, so every event costs a full decode
 * and resize while the set is cheap to build.
 */
final class BacklogPublisher {
  private final StackEndpoints endpoints;
  private final S3Client s3;

  BacklogPublisher(StackEndpoints endpoints, S3Client s3) {
    this.endpoints = endpoints;
    this.s3 = s3;
  }

  void publish(byte[] jpeg, int count, IntConsumer progress) {
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrap(),
        ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < count; i++) {
        byte[] bytes = withComment(jpeg, "backlog " + i);
        String sha = sha256(bytes);
        String key = "originals/" + sha.substring(0, 2) + "/" + sha;
        s3.putObject(b -> b.bucket(endpoints.buckets().originals()).key(key), RequestBody.fromBytes(bytes));
        UploadEvent event = UploadEvent.of(UUID.randomUUID(), "bench", "/backlog/" + i + ".jpg",
            endpoints.buckets().originals(), key, bytes.length, sha, "image/jpeg", Instant.now(), "bench");
        producer.send(new ProducerRecord<>(endpoints.topics().uploads(), sha, ContractCodec.shared().write(event)));
        if ((i + 1) % 250 == 0) {
          progress.accept(i + 1);
        }
      }
      producer.flush();
    }
  }

  /** {@code jpeg} with a COM segment right after SOI: other bytes, the same pixels. */
  static byte[] withComment(byte[] jpeg, String comment) {
    byte[] text = comment.getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + text.length + 4);
    out.write(jpeg, 0, 2);
    out.write(0xFF);
    out.write(0xFE);
    int length = text.length + 2;
    out.write(length >> 8);
    out.write(length & 0xFF);
    out.write(text, 0, text.length);
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] encode(java.awt.image.BufferedImage image) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      javax.imageio.ImageIO.write(image, "jpg", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
