package io.imagestore.job.dedup;

import io.imagestore.schemas.UploadEvent;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed by content hash: the first upload of some bytes passes, every later one within the TTL
 * only increments a counter (in state, and the {@value #DUPLICATES_METRIC} metric) and emits
 * nothing — the image-metadata contract promises one record per unique content.
 *
 * <p>State per hash is one {@code Long} (uploads seen). TTL is updated on create and write, so
 * it runs from the latest upload of those bytes: content re-sent every few weeks stays deduplicated.
 * Expired entries are never returned; full snapshots leave them out (so checkpoints and
 * restored state do not grow with the total history), incremental cleanup on state access
 * removes them from the heap between checkpoints, and RocksDB's compaction filter from disk.
 */
public final class DeduplicateUploads extends KeyedProcessFunction<String, UploadEvent, UploadEvent> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(DeduplicateUploads.class);

  public static final String DUPLICATES_METRIC = "duplicatesSkipped";
  public static final String STATE_NAME = "uploads-seen";

  private final Duration ttl;
  private transient ValueState<Long> seen;
  private transient Counter duplicates;

  public DeduplicateUploads(Duration ttl) {
    this.ttl = ttl;
  }

  /** The state descriptor, public so tests and state tools read the same state. */
  public static ValueStateDescriptor<Long> stateDescriptor(Duration ttl) {
    ValueStateDescriptor<Long> descriptor = new ValueStateDescriptor<>(STATE_NAME, Types.LONG);
    descriptor.enableTimeToLive(StateTtlConfig.newBuilder(ttl)
        .updateTtlOnCreateAndWrite()
        .neverReturnExpired()
        .cleanupFullSnapshot()
        .cleanupIncrementally(10, false)
        // RocksDB drops expired entries while compacting; a state read per 1000 entries keeps
        // the compaction filter's clock current without costing a read per entry.
        .cleanupInRocksdbCompactFilter(1000)
        .build());
    return descriptor;
  }

  @Override
  public void open(OpenContext context) {
    seen = getRuntimeContext().getState(stateDescriptor(ttl));
    duplicates = getRuntimeContext().getMetricGroup().counter(DUPLICATES_METRIC);
  }

  @Override
  public void processElement(UploadEvent event, Context ctx, Collector<UploadEvent> out) throws Exception {
    Long count = seen.value();
    if (count == null) {
      seen.update(1L);
      out.collect(event);
      return;
    }
    seen.update(count + 1);
    duplicates.inc();
    LOG.debug("duplicate upload {} of {} (event {})", count + 1, event.sha256(), event.eventId());
  }
}
