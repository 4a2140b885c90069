package io.imagestore.job.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.imagestore.config.ConfigException;
import java.io.Serializable;
import java.util.Locale;

/**
 * How the job keeps its keyed state (one entry per content hash within the dedup TTL).
 *
 * <p>RocksDB with incremental checkpoints is the production default: at millions of uploads a day
 * and a 30-day TTL the dedup state reaches tens of millions of keys, which the heap backend would
 * hold in JVM memory and write out whole at every checkpoint; RocksDB keeps it on local disk and
 * uploads only new SST files. The heap backend stays the choice for small embedded runs (the
 * quick start, tests): no native library, less memory per slot.
 *
 * <p>{@code maxParallelism} fixes the number of key groups for the life of the state: a savepoint
 * can be restored at any parallelism up to it, never beyond. 128 is what Flink derives for the
 * parallelisms used so far, so earlier savepoints keep restoring.
 */
public record StateSettings(Backend backend, boolean incremental, int maxParallelism) implements Serializable {

  public static final int DEFAULT_MAX_PARALLELISM = 128;

  /** Flink's state backends, by the names of {@code state.backend.type}. */
  public enum Backend {
    ROCKSDB, HASHMAP;

    public String flinkName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Backend parse(String key, String value) {
      try {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(key, "expected rocksdb or hashmap, got '" + value + "'");
      }
    }
  }

  public StateSettings {
    if (backend == null) {
      throw new ConfigException("state.backend", "is required");
    }
    if (incremental && backend != Backend.ROCKSDB) {
      throw new ConfigException("state.incremental", "only the rocksdb backend checkpoints incrementally");
    }
    if (maxParallelism < 1 || maxParallelism > 32768) {
      throw new ConfigException("state.maxParallelism", "must be between 1 and 32768, got " + maxParallelism);
    }
  }

  /** Incremental checkpoints by default where the backend has them (RocksDB). */
  @JsonCreator
  static StateSettings fromFile(@JsonProperty("backend") Backend backend, @JsonProperty("incremental") Boolean incremental,
      @JsonProperty("maxParallelism") Integer maxParallelism) {
    Backend b = backend == null ? Backend.ROCKSDB : backend;
    return new StateSettings(b, incremental == null ? b == Backend.ROCKSDB : incremental,
        maxParallelism == null ? DEFAULT_MAX_PARALLELISM : maxParallelism);
  }

  public static StateSettings defaults() {
    return new StateSettings(Backend.ROCKSDB, true, DEFAULT_MAX_PARALLELISM);
  }

  /** The heap backend, for embedded runs. */
  public static StateSettings onHeap() {
    return new StateSettings(Backend.HASHMAP, false, DEFAULT_MAX_PARALLELISM);
  }

  public StateSettings withBackend(Backend value) {
    return new StateSettings(value, value == Backend.ROCKSDB && incremental, maxParallelism);
  }
}
