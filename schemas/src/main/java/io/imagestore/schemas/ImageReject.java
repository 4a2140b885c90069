package io.imagestore.schemas;

import java.time.Instant;

/**
 * An upload that cannot become an image, written to {@code image-rejects}. The original stays in
 * the object store. Contract: {@code schemas/json/image-reject.v1.schema.json}.
 *
 * @param imageId null only when the upload event itself was unreadable
 * @param source null when the upload event was unreadable
 * @param original null when the upload event was unreadable
 * @param rawEvent the start of an unreadable event's payload, else null
 */
public record ImageReject(
    int schemaVersion,
    String imageId,
    RejectReason reason,
    String message,
    SourceInfo source,
    OriginalRef original,
    String rawEvent,
    Instant rejectedAt,
    String jobVersion) {

  public static final int VERSION = 1;

  /** How much of an unreadable payload a reject keeps. */
  public static final int RAW_EVENT_LIMIT = 4096;

  /** A reject for an upload whose event was readable. */
  public static ImageReject forUpload(
      UploadEvent event, RejectReason reason, String message, Instant at, String jobVersion) {
    return new ImageReject(
        VERSION,
        event.sha256(),
        reason,
        message,
        event.source(),
        new OriginalRef(event.bucket(), event.objectKey(), event.size()),
        null,
        at,
        jobVersion);
  }

  /** A reject for an upload event that could not be read at all. */
  public static ImageReject forMalformedEvent(
      String rawEvent, String message, Instant at, String jobVersion) {
    String kept =
        rawEvent.length() > RAW_EVENT_LIMIT ? rawEvent.substring(0, RAW_EVENT_LIMIT) : rawEvent;
    return new ImageReject(
        VERSION, null, RejectReason.MALFORMED_EVENT, message, null, null, kept, at, jobVersion);
  }

  /** The stored original a reject refers to. */
  public record OriginalRef(String bucket, String key, long size) {}
}
