package io.imagestore.job.job;

import io.imagestore.job.config.JobConfig;
import io.imagestore.job.processing.ProcessUniqueUploads;
import io.imagestore.job.records.JobTypes;
import io.imagestore.job.records.JobVersion;
import io.imagestore.job.records.RawUpload;
import io.imagestore.job.records.RejectRecord;
import io.imagestore.job.sink.TransactionalSinks;
import io.imagestore.job.source.SplitMalformedEvents;
import io.imagestore.job.source.UploadSource;
import io.imagestore.schemas.ImageMetadata;
import io.imagestore.schemas.UploadEvent;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;

/**
 * The pipeline, and only the pipeline: uploads → parse (malformed → rejects) → keyBy sha256 →
 * dedup and process in one operator (the dedup state is written after the outcome) → metadata
 * and rejects sinks. Sources and sinks come in through the
 * constructor, so tests run this very graph with other ends attached.
 *
 * <p>Every operator has a stable uid (the constants below): savepoints map state to operators by
 * uid, so renaming one orphans its state. Never change them; add new ones.
 */
public final class ImagestoreJob {
  public static final String UID_SOURCE = "upload-events-source";
  public static final String UID_PARSE = "parse-upload-events";
  public static final String UID_DEDUP = "dedup-by-content-hash";
  public static final String UID_METADATA_SINK = "image-metadata-sink";
  public static final String UID_REJECTS_SINK = "image-rejects-sink";
  /** Only present when a test adds an operator with {@link #withOperatorBeforeDedup}. */
  public static final String UID_BEFORE_DEDUP = "extra-before-dedup";

  private final JobConfig config;
  private final Source<RawUpload, ?, ?> source;
  private final Sink<ImageMetadata> metadataSink;
  private final Sink<RejectRecord> rejectsSink;
  private final ProcessFunction<UploadEvent, UploadEvent> beforeDedup;

  public ImagestoreJob(JobConfig config, Source<RawUpload, ?, ?> source, Sink<ImageMetadata> metadataSink,
      Sink<RejectRecord> rejectsSink) {
    this(config, source, metadataSink, rejectsSink, null);
  }

  private ImagestoreJob(JobConfig config, Source<RawUpload, ?, ?> source, Sink<ImageMetadata> metadataSink,
      Sink<RejectRecord> rejectsSink, ProcessFunction<UploadEvent, UploadEvent> beforeDedup) {
    this.config = config;
    this.source = source;
    this.metadataSink = metadataSink;
    this.rejectsSink = rejectsSink;
    this.beforeDedup = beforeDedup;
  }

  /**
   * This job with {@code operator} between parsing and dedup, e.g. one that fails the task on
   * some upload: how the fault tests break the real pipeline without a hook in production code.
   */
  public ImagestoreJob withOperatorBeforeDedup(ProcessFunction<UploadEvent, UploadEvent> operator) {
    return new ImagestoreJob(config, source, metadataSink, rejectsSink, operator);
  }

  /** The production wiring: Kafka in, exactly-once Kafka out. */
  public static ImagestoreJob withKafka(JobConfig config) {
    return new ImagestoreJob(config, UploadSource.create(config.kafka()),
        TransactionalSinks.metadata(config.kafka()), TransactionalSinks.rejects(config.kafka()));
  }

  /** Adds the pipeline to {@code env}. */
  public void build(StreamExecutionEnvironment env) {
    String version = JobVersion.current();

    SingleOutputStreamOperator<UploadEvent> events = env
        .fromSource(source, WatermarkStrategy.noWatermarks(), "upload events", JobTypes.RAW_UPLOAD)
        .uid(UID_SOURCE)
        .process(new SplitMalformedEvents(version, config.buckets().originals(), config.processing().originalsPrefix()))
        .returns(JobTypes.UPLOAD_EVENT)
        .uid(UID_PARSE)
        .name("parse upload events");

    DataStream<UploadEvent> valid = events;
    if (beforeDedup != null) {
      valid = events.process(beforeDedup).returns(JobTypes.UPLOAD_EVENT).uid(UID_BEFORE_DEDUP).name("before dedup");
    }
    SingleOutputStreamOperator<ImageMetadata> images = valid
        .keyBy(UploadEvent::sha256, Types.STRING)
        .process(new ProcessUniqueUploads(config, version))
        .returns(JobTypes.IMAGE_METADATA)
        // The dedup state's operator since the first release, so savepoints restore into it.
        .uid(UID_DEDUP)
        .name("dedup, crop, scale, store renditions");

    images.sinkTo(metadataSink)
        .uid(UID_METADATA_SINK)
        .name("image-metadata sink");

    DataStream<RejectRecord> rejects = events.getSideOutput(SplitMalformedEvents.MALFORMED)
        .union(images.getSideOutput(ProcessUniqueUploads.REJECTED));
    rejects.sinkTo(rejectsSink)
        .uid(UID_REJECTS_SINK)
        .name("image-rejects sink");
  }
}
