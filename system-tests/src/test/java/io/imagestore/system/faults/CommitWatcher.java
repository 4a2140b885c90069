package io.imagestore.system.faults;

import io.imagestore.schemas.ContractCodec;
import io.imagestore.schemas.ImageMetadata;
import io.imagestore.schemas.ImageReject;
import io.imagestore.stack.TopicReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Follows the metadata and rejects topics as an indexer does (read_committed) for the whole
 * suite, noting when each image's first record became visible: the drills' "time to recover"
 * and the wait for every acknowledged upload's record come from here. The exact count of
 * records per image is taken afresh from the topics at the end of each scenario.
 */
final class CommitWatcher implements AutoCloseable {
  private final String bootstrap;
  private final List<String> topics;
  private final Map<String, Long> firstSeenNanos = new ConcurrentHashMap<>();
  private final Map<String, ImageReject> rejects = new ConcurrentHashMap<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;
  private volatile Throwable failure;

  CommitWatcher(String bootstrap, String metadataTopic, String rejectsTopic) {
    this.bootstrap = bootstrap;
    this.topics = List.of(metadataTopic, rejectsTopic);
    this.thread = new Thread(this::run, "commit-watcher");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    try (KafkaConsumer<String, byte[]> consumer = TopicReader.consumer(bootstrap)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : topics) {
        consumer.partitionsFor(topic, Duration.ofMinutes(1))
            .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (running.get()) {
        // A broker outage makes poll return nothing for a while; the consumer reconnects itself.
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          long now = System.nanoTime();
          String imageId = r.topic().equals(topics.get(0))
              ? ContractCodec.shared().read(r.value(), ImageMetadata.class).imageId()
              : reject(r.value());
          firstSeenNanos.putIfAbsent(imageId, now);
        }
      }
    } catch (Throwable t) {
      if (running.get()) {
        failure = t;
      }
    }
  }

  private String reject(byte[] json) throws Exception {
    ImageReject reject = ContractCodec.shared().read(json, ImageReject.class);
    String id = String.valueOf(reject.imageId());
    rejects.putIfAbsent(id, reject);
    return id;
  }

  /** Images among {@code sha256s} with no committed record yet. */
  List<String> withoutRecord(Collection<String> sha256s) {
    check();
    return sha256s.stream().distinct().filter(s -> !firstSeenNanos.containsKey(s)).toList();
  }

  Optional<ImageReject> rejectOf(String sha256) {
    check();
    return Optional.ofNullable(rejects.get(sha256));
  }

  /** When the first record of any of {@code sha256s} became visible, if one has. */
  OptionalLong firstSeen(Collection<String> sha256s) {
    check();
    return sha256s.stream().map(firstSeenNanos::get).filter(t -> t != null).mapToLong(Long::longValue).min();
  }

  private void check() {
    if (failure != null) {
      throw new IllegalStateException("the committed-record watcher failed", failure);
    }
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    thread.join(Duration.ofSeconds(30).toMillis());
  }
}
