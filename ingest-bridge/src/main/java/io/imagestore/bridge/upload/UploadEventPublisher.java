package io.imagestore.bridge.upload;

import io.imagestore.bridge.upload.UploadFailedException.Reason;
import io.imagestore.schemas.ContractCodec;
import io.imagestore.schemas.UploadEvent;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts upload events with an idempotent producer ({@code acks=all}) and waits for each ack: the
 * caller answers 226 only if {@link #publish} returns. Every send's future is checked — an
 * unchecked send has lost batches silently (KAFKA-15591).
 */
public final class UploadEventPublisher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(UploadEventPublisher.class);

  private final String topic;
  private final Duration ackTimeout;
  private final Map<String, Object> config;
  private volatile KafkaProducer<String, byte[]> producer;

  public UploadEventPublisher(String bootstrap, String topic, Duration ackTimeout, Map<String, String> extra) {
    this.topic = topic;
    this.ackTimeout = ackTimeout;
    Map<String, Object> c = new HashMap<>(extra);
    c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    c.put(ProducerConfig.ACKS_CONFIG, "all");
    c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    c.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "imagestore-ingest-bridge");
    // Each upload waits for its own record: batching across uploads still happens, lingering does not.
    c.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
    long ackMs = ackTimeout.toMillis();
    // send() blocks for metadata up to max.block.ms: never longer than the ack budget.
    c.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, ackMs);
    // Give up on the record about when the client gets 451, so a late delivery after the reply
    // (which only causes a duplicate event, deduplicated by sha256 downstream) stays unlikely.
    int requestTimeout = (int) Math.max(1000, Math.min(ackMs / 2, 30_000));
    c.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, requestTimeout);
    c.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(ackMs, requestTimeout));
    c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    this.config = Map.copyOf(c);
    this.producer = new KafkaProducer<>(config);
  }

  /** Returns once Kafka acknowledged the event; otherwise throws (reply 451). */
  public void publish(UploadEvent event) throws UploadFailedException {
    byte[] value = ContractCodec.shared().write(event);
    KafkaProducer<String, byte[]> p = producer;
    try {
      p.send(new ProducerRecord<>(topic, event.sha256(), value)).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UploadFailedException(Reason.KAFKA, "interrupted while waiting for Kafka", e);
    } catch (TimeoutException e) {
      throw new UploadFailedException(Reason.KAFKA, "Kafka did not acknowledge within " + ackTimeout, e);
    } catch (ExecutionException e) {
      replaceIfBroken(p, e.getCause());
      throw new UploadFailedException(Reason.KAFKA, "Kafka rejected the event: " + e.getCause(), e.getCause());
    } catch (RuntimeException e) {
      // send() itself throws for metadata timeouts and for a producer in a fatal state.
      replaceIfBroken(p, e);
      throw new UploadFailedException(Reason.KAFKA, "Kafka send failed: " + e, e);
    }
  }

  /**
   * A non-retriable error can leave the idempotent producer unusable for every later send; a fresh
   * producer (new producer id) recovers without a restart of the bridge.
   */
  private synchronized void replaceIfBroken(KafkaProducer<String, byte[]> failed, Throwable cause) {
    if (cause instanceof RetriableException || cause instanceof org.apache.kafka.common.errors.TimeoutException) {
      return;
    }
    if (producer != failed) {
      return;
    }
    LOG.warn("replacing Kafka producer after {}", cause.toString());
    producer = new KafkaProducer<>(config);
    failed.close(Duration.ZERO);
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
