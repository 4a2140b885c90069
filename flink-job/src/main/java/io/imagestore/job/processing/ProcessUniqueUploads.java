package io.imagestore.job.processing;

import io.imagestore.job.config.JobConfig;
import io.imagestore.job.dedup.DeduplicateUploads;
import io.imagestore.job.imaging.ImageProcessor;
import io.imagestore.job.records.JobTypes;
import io.imagestore.job.records.RejectRecord;
import io.imagestore.job.storage.AttemptMarkers;
import io.imagestore.job.storage.ImageObjectStore;
import io.imagestore.schemas.ImageMetadata;
import io.imagestore.schemas.ImageReject;
import io.imagestore.schemas.RejectReason;
import io.imagestore.schemas.UploadEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.StreamingRuntimeContext;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed by content hash: dedup, processing and the record of its outcome in one operator, so the
 * dedup state is written only after the outcome is known, in the same checkpoint as the record.
 *
 * <p>An upload whose hash is in state within the TTL is a duplicate: counted, nothing emitted.
 * Otherwise it is processed — metadata on the main output, rejects on {@link #REJECTED} — and
 * the hash is marked seen only when the outcome is final for these bytes: an image, or a reject
 * caused by the bytes themselves ({@link #FINAL_REJECTS}). A missing original or an unexpected
 * failure is not the bytes' fault, so the next upload of the same bytes is processed again.
 *
 * <p>Attempts are counted in the object store ({@link AttemptMarkers}) before processing starts;
 * after {@code processing.maxAttempts} starts without an outcome (the task died each time) the
 * upload is rejected, marked seen, and the stream goes on.
 *
 * <p>State is {@link DeduplicateUploads#stateDescriptor} under the uid {@code
 * dedup-by-content-hash}, as before this operator also processed: savepoints restore into it.
 * One image at a time per subtask — decoding is CPU-bound and the subsampled decode keeps a
 * 24 MP JPEG near 64 MB, so parallelism (slots) scales it while each slot's memory stays bounded.
 */
public final class ProcessUniqueUploads extends KeyedProcessFunction<String, UploadEvent, ImageMetadata> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ProcessUniqueUploads.class);

  public static final OutputTag<RejectRecord> REJECTED = new OutputTag<>("rejected-images", JobTypes.REJECT);

  /** Rejects the same bytes would get again. */
  public static final Set<RejectReason> FINAL_REJECTS = EnumSet.of(RejectReason.EMPTY_FILE, RejectReason.FILE_TOO_LARGE,
      RejectReason.NOT_AN_IMAGE, RejectReason.UNSUPPORTED_FORMAT, RejectReason.TOO_MANY_PIXELS,
      RejectReason.TRUNCATED, RejectReason.CORRUPT);

  private final JobConfig config;
  private final String jobVersion;
  private transient ValueState<Long> seen;
  private transient ImageObjectStore store;
  private transient AttemptMarkers attempts;
  private transient ImageProcessor imaging;
  private transient UploadProcessor processor;
  private transient Counter duplicates;
  private transient Counter processed;
  private transient Counter rejected;
  private transient Counter unwritable;
  private transient OutgoingRecords outgoing;

  public ProcessUniqueUploads(JobConfig config, String jobVersion) {
    this.config = config;
    this.jobVersion = jobVersion;
  }

  @Override
  public void open(OpenContext context) {
    seen = getRuntimeContext().getState(DeduplicateUploads.stateDescriptor(config.dedupTtl()));
    // A connection per subtask: calls are sequential, a second one only helps a retry overlap.
    store = ImageObjectStore.connect(config.objectStore(), config.storageRetries(), 2);
    store.probe(config.buckets().originals());
    store.probe(config.buckets().renditions());
    store.probe(config.buckets().state());
    attempts = new AttemptMarkers(store, config.buckets().state(), config.dedupTtl(), Clock.systemUTC());
    imaging = new ImageProcessor(config.limits().toImageLimits());
    processor = new UploadProcessor(store, imaging,
        new ProfileResolver(config.profiles()), config.buckets().renditions(), config.limits().maxBytes(),
        tmpDir(), Clock.systemUTC(), jobVersion);
    duplicates = getRuntimeContext().getMetricGroup().counter(DeduplicateUploads.DUPLICATES_METRIC);
    processed = getRuntimeContext().getMetricGroup().counter("imagesProcessed");
    rejected = getRuntimeContext().getMetricGroup().counter("imagesRejected");
    unwritable = getRuntimeContext().getMetricGroup().counter("recordsUnwritable");
    outgoing = new OutgoingRecords(Clock.systemUTC(), jobVersion);
  }

  @Override
  public void processElement(UploadEvent event, Context ctx, Collector<ImageMetadata> out) throws Exception {
    Long count = seen.value();
    if (count != null) {
      seen.update(count + 1);
      duplicates.inc();
      LOG.debug("duplicate upload {} of {} (event {})", count + 1, event.sha256(), event.eventId());
      return;
    }
    Optional<Outcome> checked = outgoing.checked(processWithinAttempts(event), event);
    if (checked.isEmpty()) {
      unwritable.inc();
      return;
    }
    Outcome outcome = checked.get();
    if (outcome.isImage()) {
      processed.inc();
      seen.update(1L);
      out.collect(outcome.metadata());
      return;
    }
    rejected.inc();
    ImageReject reject = outcome.reject().reject();
    if (FINAL_REJECTS.contains(reject.reason()) || outcome.gaveUp()) {
      seen.update(1L);
    }
    ctx.output(REJECTED, outcome.reject());
  }

  private Outcome processWithinAttempts(UploadEvent event) {
    int started = attempts.begin(event.sha256());
    int max = config.processing().maxAttempts();
    if (started >= max) {
      // The marker stays: should the job fail before this reject is committed, the replay gives
      // up again at once instead of killing the task another maxAttempts times.
      LOG.warn("giving up on {} after {} attempts", event.sha256(), started);
      return Outcome.gaveUp(RejectRecord.of(ImageReject.forUpload(event, RejectReason.PROCESSING_FAILED,
          "gave up after " + started + " attempts: processing never ended (the task failed each time)",
          Clock.systemUTC().instant(), jobVersion)));
    }
    if (started > 0) {
      attempts.starting(event.sha256(), started + 1);
    }
    Outcome outcome = processor.process(event);
    attempts.finished(event.sha256());
    return outcome;
  }

  @Override
  public void close() {
    if (imaging != null) {
      imaging.close(); // native decode buffers, when TurboJPEG is in use
    }
    if (store != null) {
      store.close();
    }
  }

  /** Under the TaskManager's io.tmp.dirs, spread over them by subtask, as Flink does for spills. */
  private Path tmpDir() {
    String[] dirs = getRuntimeContext() instanceof StreamingRuntimeContext src
        ? src.getTaskManagerRuntimeInfo().getTmpDirectories()
        : new String[] {System.getProperty("java.io.tmpdir")};
    int subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
    return Path.of(dirs[subtask % dirs.length], "imagestore-originals");
  }
}
