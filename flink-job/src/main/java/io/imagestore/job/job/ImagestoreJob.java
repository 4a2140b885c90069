package io.imagestore.job.job;

import io.imagestore.job.config.JobConfig;
import io.imagestore.job.dedup.DeduplicateUploads;
import io.imagestore.job.processing.ProcessUploads;
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

/**
 * The pipeline, and only the pipeline: uploads → parse (malformed → rejects) → keyBy sha256 →
 * dedup → process → metadata and rejects sinks. Sources and sinks come in through the
 * constructor, so tests run this very graph with other ends attached.
 *
 * <p>Every operator has a stable uid (the constants below): savepoints map state to operators by
 * uid, so renaming one orphans its state. Never change them; add new ones.
 */
public final class ImagestoreJob {
  public static final String UID_SOURCE = "upload-events-source";
  public static final String UID_PARSE = "parse-upload-events";
  public static final String UID_DEDUP = "dedup-by-content-hash";
  public static final String UID_PROCESS = "process-images";
  public static final String UID_METADATA_SINK = "image-metadata-sink";
  public static final String UID_REJECTS_SINK = "image-rejects-sink";

  private final JobConfig config;
  private final Source<RawUpload, ?, ?> source;
  private final Sink<ImageMetadata> metadataSink;
  private final Sink<RejectRecord> rejectsSink;

  public ImagestoreJob(JobConfig config, Source<RawUpload, ?, ?> source, Sink<ImageMetadata> metadataSink,
      Sink<RejectRecord> rejectsSink) {
    this.config = config;
    this.source = source;
    this.metadataSink = metadataSink;
    this.rejectsSink = rejectsSink;
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
        .process(new SplitMalformedEvents(version))
        .returns(JobTypes.UPLOAD_EVENT)
        .uid(UID_PARSE)
        .name("parse upload events");

    SingleOutputStreamOperator<ImageMetadata> images = events
        .keyBy(UploadEvent::sha256, Types.STRING)
        .process(new DeduplicateUploads(config.dedupTtl()))
        .returns(JobTypes.UPLOAD_EVENT)
        .uid(UID_DEDUP)
        .name("dedup by content hash")
        .process(new ProcessUploads(config, version))
        .returns(JobTypes.IMAGE_METADATA)
        .uid(UID_PROCESS)
        .name("crop, scale, store renditions");

    images.sinkTo(metadataSink)
        .uid(UID_METADATA_SINK)
        .name("image-metadata sink");

    DataStream<RejectRecord> rejects = events.getSideOutput(SplitMalformedEvents.MALFORMED)
        .union(images.getSideOutput(ProcessUploads.REJECTED));
    rejects.sinkTo(rejectsSink)
        .uid(UID_REJECTS_SINK)
        .name("image-rejects sink");
  }
}
