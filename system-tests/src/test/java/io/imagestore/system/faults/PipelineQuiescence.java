package io.imagestore.system.faults;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.admin.TransactionState;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What a pipeline at rest looks like after a fault: no transaction of the job's left open on the
 * brokers, the job's consumer group caught up with the uploads topic, no multipart upload of the
 * bridge left in the store.
 */
final class PipelineQuiescence {
  private static final Set<TransactionState> OPEN = EnumSet.of(TransactionState.ONGOING,
      TransactionState.PREPARE_COMMIT, TransactionState.PREPARE_ABORT, TransactionState.PREPARE_EPOCH_FENCE);

  private final Admin admin;
  private final S3Client s3;
  private final String transactionalIdPrefix;
  private final String consumerGroup;
  private final String uploadsTopic;
  private final String originalsBucket;

  PipelineQuiescence(Admin admin, S3Client s3, String transactionalIdPrefix, String consumerGroup,
      String uploadsTopic, String originalsBucket) {
    this.admin = admin;
    this.s3 = s3;
    this.transactionalIdPrefix = transactionalIdPrefix;
    this.consumerGroup = consumerGroup;
    this.uploadsTopic = uploadsTopic;
    this.originalsBucket = originalsBucket;
  }

  /** The job's transactions the coordinators hold open, as {@code id=state}. */
  List<String> openTransactions() throws ExecutionException, InterruptedException, TimeoutException {
    List<String> open = new ArrayList<>();
    for (TransactionListing t : admin.listTransactions().all().get(30, TimeUnit.SECONDS)) {
      if (t.transactionalId().startsWith(transactionalIdPrefix) && OPEN.contains(t.state())) {
        open.add(t.transactionalId() + "=" + t.state());
      }
    }
    return open;
  }

  /** Upload events the job's consumer group has not committed yet, over all partitions. */
  long consumerLag() throws ExecutionException, InterruptedException, TimeoutException {
    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(consumerGroup)
        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
    List<TopicPartition> partitions = admin.describeTopics(List.of(uploadsTopic)).allTopicNames()
        .get(30, TimeUnit.SECONDS).get(uploadsTopic).partitions().stream()
        .map(p -> new TopicPartition(uploadsTopic, p.partition())).toList();
    Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(
        partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get(30, TimeUnit.SECONDS);
    long lag = 0;
    for (TopicPartition p : partitions) {
      OffsetAndMetadata c = committed.get(p);
      lag += ends.get(p).offset() - (c == null ? 0 : c.offset());
    }
    return lag;
  }

  int openMultipartUploads() {
    return s3.listMultipartUploads(b -> b.bucket(originalsBucket)).uploads().size();
  }
}
