package io.imagestore.job.testing;

import io.imagestore.job.config.JobConfig;
import io.imagestore.stack.StackEndpoints;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether the job has consumed every upload event so far, on every partition: its source reads
 * partitions independently, so a later record committed on one says nothing about another.
 *
 * <p>The job's source commits its offsets to the consumer group only when a checkpoint completes.
 * Checkpoints are exactly-once (aligned), so every event below a committed offset went through
 * dedup and processing before that checkpoint, and whatever it emitted is committed with that
 * checkpoint — at the latest when the job stops with a savepoint. Counts read after that stop
 * are therefore final for all events produced before the check passed.
 */
public final class ConsumedUploads {
  private ConsumedUploads() {}

  /** True once the job's consumer group has committed the end offset of every uploads partition. */
  public static boolean all(StackEndpoints endpoints, JobConfig config) throws Exception {
    String topic = endpoints.topics().uploads();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrap()))) {
      Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(topic)).allTopicNames()
          .get(30, TimeUnit.SECONDS).get(topic).partitions().stream()
          .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
      Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
      Map<TopicPartition, OffsetAndMetadata> committed = admin
          .listConsumerGroupOffsets(config.kafka().consumerGroup()).partitionsToOffsetAndMetadata()
          .get(30, TimeUnit.SECONDS);
      return ends.entrySet().stream().allMatch(end -> {
        // A partition that never had an event has nothing to consume, and no offset to commit.
        OffsetAndMetadata at = committed.get(end.getKey());
        return end.getValue().offset() == 0 || at != null && at.offset() >= end.getValue().offset();
      });
    }
  }
}
