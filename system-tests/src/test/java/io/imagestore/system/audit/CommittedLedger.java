package io.imagestore.system.audit;

import io.imagestore.schemas.ContractCodec;
import io.imagestore.schemas.ContractViolationException;
import io.imagestore.schemas.ImageMetadata;
import io.imagestore.schemas.ImageReject;
import io.imagestore.stack.TopicReader;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every record an indexer could see (read_committed) on the metadata and rejects topics, by image
 * id (sha256). Records of open or aborted transactions never appear here, so a duplicate counted
 * from this ledger is one a consumer would really have received.
 */
public record CommittedLedger(Map<String, List<ImageMetadata>> metadata, Map<String, List<ImageReject>> rejects) {

  /** Reads both topics from the beginning until neither has yielded a record for {@code quiet}. */
  public static CommittedLedger read(String bootstrap, String metadataTopic, String rejectsTopic, Duration quiet) {
    Duration max = Duration.ofMinutes(1);
    Map<String, List<ImageMetadata>> metadata = new HashMap<>();
    for (var r : TopicReader.readCommitted(bootstrap, metadataTopic, quiet, max)) {
      ImageMetadata m = parse(r.value(), ImageMetadata.class);
      metadata.computeIfAbsent(m.imageId(), k -> new java.util.ArrayList<>()).add(m);
    }
    Map<String, List<ImageReject>> rejects = new HashMap<>();
    for (var r : TopicReader.readCommitted(bootstrap, rejectsTopic, quiet, max)) {
      ImageReject j = parse(r.value(), ImageReject.class);
      rejects.computeIfAbsent(String.valueOf(j.imageId()), k -> new java.util.ArrayList<>()).add(j);
    }
    return new CommittedLedger(metadata, rejects);
  }

  public List<ImageMetadata> metadataOf(String sha256) {
    return metadata.getOrDefault(sha256, List.of());
  }

  public List<ImageReject> rejectsOf(String sha256) {
    return rejects.getOrDefault(sha256, List.of());
  }

  /** Metadata and reject records committed for these images. */
  public int recordsFor(Collection<String> sha256s) {
    return sha256s.stream().distinct().mapToInt(s -> metadataOf(s).size() + rejectsOf(s).size()).sum();
  }

  /** True once each of these images has at least one committed record, metadata or reject. */
  public boolean coversAll(Collection<String> sha256s) {
    return sha256s.stream().allMatch(s -> !metadataOf(s).isEmpty() || !rejectsOf(s).isEmpty());
  }

  /** Records beyond the first, per image, over everything committed. */
  public int duplicates() {
    return metadata.values().stream().mapToInt(l -> l.size() - 1).sum()
        + rejects.values().stream().mapToInt(l -> l.size() - 1).sum();
  }

  private static <T> T parse(byte[] json, Class<T> type) {
    try {
      return ContractCodec.shared().read(json, type);
    } catch (ContractViolationException e) {
      throw new AssertionError("a committed record breaks its contract: " + e.getMessage(), e);
    }
  }
}
