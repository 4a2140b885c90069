package io.imagestore.stack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from the beginning as the indexer does: {@code isolation.level=read_committed}, so
 * records of open or aborted transactions are never seen.
 */
public final class TopicReader {
  private TopicReader() {}

  /**
   * Everything committed on {@code topic}: reads from the beginning of every partition until it
   * has reached the end offsets the topic had when called (for read_committed: the last stable
   * offsets), then on until {@code quiet} passes without a new record, or {@code max} in all.
   * Partitions are assigned, not subscribed: a group join can take longer than {@code quiet} on a
   * loaded machine, and a reader that gave up before its first record returned nothing.
   */
  public static List<ConsumerRecord<String, byte[]>> readCommitted(
      String bootstrap, String topic, Duration quiet, Duration max) {
    List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrap)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, max).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, max);
      long end = System.nanoTime() + max.toNanos();
      long lastNew = System.nanoTime();
      while (System.nanoTime() < end
          && (!caughtUp(consumer, ends) || System.nanoTime() - lastNew < quiet.toNanos())) {
        var batch = consumer.poll(Duration.ofMillis(200));
        if (!batch.isEmpty()) {
          batch.forEach(out::add);
          lastNew = System.nanoTime();
        }
      }
    }
    return out;
  }

  private static boolean caughtUp(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
    return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }

  /** Polls until at least {@code count} committed records arrived or {@code max} passed. */
  public static List<ConsumerRecord<String, byte[]>> readCommitted(
      String bootstrap, String topic, int count, Duration max) {
    List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrap)) {
      consumer.subscribe(List.of(topic));
      long end = System.nanoTime() + max.toNanos();
      while (out.size() < count && System.nanoTime() < end) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }

  /** A read_committed consumer in a fresh group, starting at the earliest offset. */
  public static KafkaConsumer<String, byte[]> consumer(String bootstrap) {
    return new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
        new StringDeserializer(), new ByteArrayDeserializer());
  }
}
