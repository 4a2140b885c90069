package io.imagestore.cli.bench;

import io.imagestore.schemas.ContractCodec;
import io.imagestore.schemas.ContractViolationException;
import io.imagestore.schemas.ImageMetadata;
import io.imagestore.schemas.ImageReject;
import io.imagestore.stack.TopicReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Notes when each upload's record becomes visible to an indexer: a {@code read_committed}
 * consumer on the metadata and reject topics, keyed by the original path the record names. A
 * record is seen only once the checkpoint that commits its transaction completes — the latency
 * users get, not the time the job finished the image.
 */
final class CommittedRecordClock implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(100);

  private final KafkaConsumer<String, byte[]> consumer;
  private final String metadataTopic;
  private final String pathPrefix;
  /** A reject that names no source (unreadable event) is this run's only on a fresh stack. */
  private final boolean countUnnamedRejects;
  private final Thread thread;
  private final Map<String, Long> visibleAt = new ConcurrentHashMap<>();
  private final Map<String, ImageMetadata> metadata = new ConcurrentHashMap<>();
  private final AtomicLong metadataRecords = new AtomicLong();
  private final AtomicLong rejectRecords = new AtomicLong();
  private final List<String> rejectReasons = new ArrayList<>();
  private volatile RuntimeException failure;

  /**
   * Starts reading both topics: from their beginning when they hold only this run's records (a
   * fresh stack), else from their end, before the first upload. Only records naming a path
   * below {@code folder} count.
   */
  CommittedRecordClock(String bootstrap, String metadataTopic, String rejectsTopic, String folder,
      boolean fromBeginning) {
    this.consumer = TopicReader.consumer(bootstrap);
    this.metadataTopic = metadataTopic;
    this.pathPrefix = folder + "/";
    this.countUnnamedRejects = fromBeginning;
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : List.of(metadataTopic, rejectsTopic)) {
      consumer.partitionsFor(topic, Duration.ofSeconds(30))
          .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
    }
    // Assigned, not subscribed: a group join may take seconds, which would count as latency.
    consumer.assign(partitions);
    if (fromBeginning) {
      consumer.seekToBeginning(partitions);
    } else {
      consumer.seekToEnd(partitions);
      // Seeks are lazy: resolve the end offsets now, before any upload of this run can commit.
      partitions.forEach(p -> consumer.position(p, Duration.ofSeconds(30)));
    }
    this.thread = new Thread(this::run, "committed-record-clock");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    ContractCodec codec = ContractCodec.shared();
    try {
      while (!Thread.currentThread().isInterrupted()) {
        var records = consumer.poll(POLL);
        long now = System.nanoTime();
        for (ConsumerRecord<String, byte[]> r : records) {
          if (r.topic().equals(metadataTopic)) {
            ImageMetadata m = codec.read(r.value(), ImageMetadata.class);
            if (!m.source().originalPath().startsWith(pathPrefix)) {
              continue;
            }
            metadata.put(m.source().originalPath(), m);
            visibleAt.putIfAbsent(m.source().originalPath(), now);
            metadataRecords.incrementAndGet();
          } else {
            ImageReject reject = codec.read(r.value(), ImageReject.class);
            boolean ours = reject.source() == null ? countUnnamedRejects
                : reject.source().originalPath().startsWith(pathPrefix);
            if (!ours) {
              continue;
            }
            synchronized (rejectReasons) {
              rejectReasons.add(reject.reason() + ": " + reject.message());
            }
            if (reject.source() != null) {
              visibleAt.putIfAbsent(reject.source().originalPath(), now);
            }
            rejectRecords.incrementAndGet();
          }
        }
      }
    } catch (WakeupException | InterruptException stopping) {
      // close() asked us to stop
    } catch (ContractViolationException e) {
      failure = new IllegalStateException("a committed record breaks its contract: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      failure = e;
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  /** {@link System#nanoTime()} when the record for {@code originalPath} was first polled, or null. */
  Long visibleAt(String originalPath) {
    return visibleAt.get(originalPath);
  }

  /** The metadata record naming {@code originalPath}, or null. */
  ImageMetadata metadata(String originalPath) {
    return metadata.get(originalPath);
  }

  /** How many of {@code paths} have a committed record (metadata or reject). */
  long seenOf(List<String> paths) {
    if (failure != null) {
      throw new IllegalStateException("reading committed records failed: " + failure.getMessage(), failure);
    }
    return paths.stream().filter(visibleAt::containsKey).count();
  }

  long metadataRecords() {
    return metadataRecords.get();
  }

  long rejectRecords() {
    return rejectRecords.get();
  }

  List<String> rejectReasons() {
    synchronized (rejectReasons) {
      return List.copyOf(rejectReasons);
    }
  }

  @Override
  public void close() throws InterruptedException {
    consumer.wakeup();
    thread.join(5_000);
  }
}
