package io.imagestore.job.testing;

import io.imagestore.schemas.ContractCodec;
import io.imagestore.schemas.UploadEvent;
import io.imagestore.stack.StackEndpoints;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Does what the ingest bridge does for an upload: PUT the original to the originals bucket under
 * its content-addressed key, then produce the upload event keyed by sha256 — checking both
 * succeeded before returning, as the bridge must before answering 226.
 */
public final class UploadDriver implements AutoCloseable {
  private final StackEndpoints endpoints;
  private final S3Client s3;
  private final KafkaProducer<String, byte[]> producer;

  public UploadDriver(StackEndpoints endpoints, S3Client s3) {
    this.endpoints = endpoints;
    this.s3 = s3;
    this.producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrap(),
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true"),
        new StringSerializer(), new ByteArraySerializer());
  }

  /** Stores {@code bytes} and announces them as uploaded by {@code sourceId} at {@code path}. */
  public UploadEvent upload(String sourceId, String path, byte[] bytes) {
    UploadEvent event = eventFor(sourceId, path, bytes);
    s3.putObject(b -> b.bucket(event.bucket()).key(event.objectKey()), RequestBody.fromBytes(bytes));
    send(event.sha256(), ContractCodec.shared().write(event));
    return event;
  }

  /**
   * Like {@link #upload}, with the event sent to {@code partition} (null: by key, as the bridge
   * does); returns the partition it went to.
   */
  public int uploadAt(String sourceId, String path, byte[] bytes, Integer partition) {
    UploadEvent event = eventFor(sourceId, path, bytes);
    s3.putObject(b -> b.bucket(event.bucket()).key(event.objectKey()), RequestBody.fromBytes(bytes));
    return send(new ProducerRecord<>(endpoints.topics().uploads(), partition, event.sha256(),
        ContractCodec.shared().write(event)));
  }

  /** Announces an upload whose original was never stored. */
  public UploadEvent announceOnly(String sourceId, String path, byte[] bytes) {
    UploadEvent event = eventFor(sourceId, path, bytes);
    send(event.sha256(), ContractCodec.shared().write(event));
    return event;
  }

  /** Produces anything to the uploads topic, e.g. a malformed event. */
  public void sendRaw(String key, byte[] value) {
    send(key, value);
  }

  public UploadEvent eventFor(String sourceId, String path, byte[] bytes) {
    String sha = sha256(bytes);
    return UploadEvent.of(UUID.randomUUID(), sourceId, path, endpoints.buckets().originals(),
        "originals/" + sha.substring(0, 2) + "/" + sha, bytes.length, sha, "image/jpeg", Instant.now(), "test-bridge");
  }

  private void send(String key, byte[] value) {
    send(new ProducerRecord<>(endpoints.topics().uploads(), key, value));
  }

  private int send(ProducerRecord<String, byte[]> record) {
    try {
      return producer.send(record).get(30, TimeUnit.SECONDS).partition();
    } catch (Exception e) {
      throw new IllegalStateException("cannot produce upload event", e);
    }
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    producer.close();
  }
}
