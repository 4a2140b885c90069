package io.imagestore.job.processing;

import io.imagestore.job.config.JobConfig;
import io.imagestore.job.imaging.ImageLimits;
import io.imagestore.job.imaging.ImageProcessor;
import io.imagestore.job.records.JobTypes;
import io.imagestore.job.records.RejectRecord;
import io.imagestore.job.storage.ImageObjectStore;
import io.imagestore.objectstore.S3Clients;
import io.imagestore.schemas.ImageMetadata;
import io.imagestore.schemas.UploadEvent;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.operators.StreamingRuntimeContext;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The Flink side of {@link UploadProcessor}: metadata on the main output, rejects on {@link
 * #REJECTED}. One image at a time per subtask — decoding is CPU-bound and the subsampled decode
 * keeps a 24 MP JPEG near 64 MB, so parallelism (slots), not concurrency inside a slot, scales
 * it while keeping each slot's memory bounded.
 */
public final class ProcessUploads extends ProcessFunction<UploadEvent, ImageMetadata> {
  private static final long serialVersionUID = 1L;

  public static final OutputTag<RejectRecord> REJECTED = new OutputTag<>("rejected-images", JobTypes.REJECT);

  private final JobConfig config;
  private final String jobVersion;
  private transient ImageObjectStore store;
  private transient UploadProcessor processor;
  private transient Counter processed;
  private transient Counter rejected;
  private transient long handled;
  private transient boolean injectFault;

  public ProcessUploads(JobConfig config, String jobVersion) {
    this.config = config;
    this.jobVersion = jobVersion;
  }

  @Override
  public void open(OpenContext context) {
    // A connection per subtask: calls are sequential, a second one only helps a retry overlap.
    store = new ImageObjectStore(S3Clients.create(config.objectStore(), 2), config.storageRetries());
    processor = new UploadProcessor(store,
        new ImageProcessor(new ImageLimits(config.limits().maxPixels(), config.limits().maxBytes())),
        new ProfileResolver(config.profiles()), config.buckets().renditions(), config.limits().maxBytes(),
        tmpDir(), Clock.systemUTC(), jobVersion);
    processed = getRuntimeContext().getMetricGroup().counter("imagesProcessed");
    rejected = getRuntimeContext().getMetricGroup().counter("imagesRejected");
    injectFault = config.faultInjection().enabled() && getRuntimeContext().getTaskInfo().getAttemptNumber() == 0;
  }

  @Override
  public void processElement(UploadEvent event, Context ctx, Collector<ImageMetadata> out) {
    if (injectFault && handled >= config.faultInjection().failAfterRecords()) {
      throw new IllegalStateException("injected fault after " + handled + " uploads (testing.failAfterRecords)");
    }
    handled++;
    Outcome outcome = processor.process(event);
    if (outcome.isImage()) {
      processed.inc();
      out.collect(outcome.metadata());
    } else {
      rejected.inc();
      ctx.output(REJECTED, outcome.reject());
    }
  }

  @Override
  public void close() {
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
