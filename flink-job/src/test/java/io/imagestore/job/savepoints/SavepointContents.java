package io.imagestore.job.savepoints;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.state.KeyedStateHandle;
import org.apache.flink.runtime.state.SavepointKeyedStateHandle;

/**
 * What a savepoint's {@code _metadata} says about its operators, read without starting a job: the
 * uid each piece of state belongs to (Flink 2 writes the uid next to the operator id), whether it
 * holds any state, and the max parallelism (key groups) it was taken with.
 */
public record SavepointContents(long checkpointId, List<Operator> operators) {

  /**
   * One operator of the savepoint.
   *
   * @param uid empty when the savepoint does not name it (taken by a Flink before 2.0)
   * @param operatorId hex, as Flink logs it; derived from the uid
   * @param hasState false for an operator without state: restoring skips it even without
   *     {@code --allow-non-restored-state}
   * @param keyedStateFormats how its keyed state is written, e.g. {@code
   *     KeyGroupsSavepointStateHandle} (canonical: any backend reads it) or {@code
   *     IncrementalRemoteKeyedStateHandle} (RocksDB's native files)
   * @param canonicalKeyedState every piece of its keyed state is in the canonical format
   */
  public record Operator(String uid, String name, String operatorId, boolean hasState, int parallelism,
      int maxParallelism, Set<String> keyedStateFormats, boolean canonicalKeyedState) {

    public boolean hasKeyedState() {
      return !keyedStateFormats.isEmpty();
    }
  }

  /** Reads {@code <dir>/_metadata}. */
  public static SavepointContents load(Path dir) throws IOException {
    CheckpointMetadata metadata;
    try (InputStream file = Files.newInputStream(dir.resolve("_metadata"));
        DataInputStream in = new DataInputStream(file)) {
      metadata = Checkpoints.loadCheckpointMetadata(in, SavepointContents.class.getClassLoader(),
          dir.toAbsolutePath().toUri().toString());
    }
    List<Operator> operators = metadata.getOperatorStates().stream()
        .map(SavepointContents::describe)
        .sorted(Comparator.comparing(Operator::uid).thenComparing(Operator::operatorId))
        .toList();
    return new SavepointContents(metadata.getCheckpointId(), operators);
  }

  /** The operators whose state a restore must place, as Flink decides it when it restores. */
  public List<Operator> stateful() {
    return operators.stream().filter(Operator::hasState).toList();
  }

  private static Operator describe(OperatorState state) {
    boolean hasState = state.getCoordinatorState() != null
        || state.getStates().stream().anyMatch(OperatorSubtaskState::hasState);
    List<KeyedStateHandle> keyed = state.getStates().stream()
        .flatMap(subtask -> subtask.getManagedKeyedState().stream()).toList();
    Set<String> formats = keyed.stream().map(h -> h.getClass().getSimpleName()).collect(Collectors.toCollection(TreeSet::new));
    boolean canonical = keyed.stream().allMatch(h -> h instanceof SavepointKeyedStateHandle);
    return new Operator(state.getOperatorUid().orElse(""), state.getOperatorName().orElse(""),
        state.getOperatorID().toHexString(), hasState, state.getParallelism(), state.getMaxParallelism(), formats,
        canonical);
  }
}
