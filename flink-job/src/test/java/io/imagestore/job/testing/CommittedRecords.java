package io.imagestore.job.testing;

import io.imagestore.schemas.ContractCodec;
import io.imagestore.schemas.ContractViolationException;
import io.imagestore.schemas.ImageMetadata;
import io.imagestore.schemas.ImageReject;
import io.imagestore.stack.StackEndpoints;
import io.imagestore.stack.TopicReader;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads what an indexer would: committed records only, parsed and validated against the contracts. */
public final class CommittedRecords {
  private CommittedRecords() {}

  public static List<ConsumerRecord<String, byte[]>> metadataRecords(StackEndpoints e, int atLeast, Duration max) {
    return TopicReader.readCommitted(e.kafkaBootstrap(), e.topics().metadata(), atLeast, max);
  }

  public static List<ConsumerRecord<String, byte[]>> rejectRecords(StackEndpoints e, int atLeast, Duration max) {
    return TopicReader.readCommitted(e.kafkaBootstrap(), e.topics().rejects(), atLeast, max);
  }

  /** Everything committed on the metadata topic; call once the job has stopped. */
  public static List<ImageMetadata> allMetadata(StackEndpoints e) {
    return TopicReader.readCommitted(e.kafkaBootstrap(), e.topics().metadata(), Duration.ofSeconds(2), Duration.ofSeconds(30))
        .stream().map(r -> parse(r.value(), ImageMetadata.class)).toList();
  }

  /** Everything committed on the rejects topic; call once the job has stopped. */
  public static List<ImageReject> allRejects(StackEndpoints e) {
    return TopicReader.readCommitted(e.kafkaBootstrap(), e.topics().rejects(), Duration.ofSeconds(2), Duration.ofSeconds(30))
        .stream().map(r -> parse(r.value(), ImageReject.class)).toList();
  }

  public static <T> T parse(byte[] json, Class<T> type) {
    try {
      return ContractCodec.shared().read(json, type);
    } catch (ContractViolationException e) {
      throw new AssertionError("a committed record breaks its contract: " + e.getMessage(), e);
    }
  }
}
