package io.imagestore.schemas;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.UUID;

/**
 * Posted by the ingest bridge to {@code image-uploads} once an original is durable in the object
 * store. Contract: {@code schemas/json/upload-event.v1.schema.json}.
 */
public record UploadEvent(
    int schemaVersion,
    UUID eventId,
    String sourceId,
    String originalPath,
    String fileName,
    String bucket,
    String objectKey,
    long size,
    String sha256,
    String contentType,
    Instant receivedAt,
    String bridgeInstance) {

  public static final int VERSION = 1;

  /** A v1 event; the file name is taken from the last segment of {@code originalPath}. */
  public static UploadEvent of(
      UUID eventId,
      String sourceId,
      String originalPath,
      String bucket,
      String objectKey,
      long size,
      String sha256,
      String contentType,
      Instant receivedAt,
      String bridgeInstance) {
    return new UploadEvent(
        VERSION,
        eventId,
        sourceId,
        originalPath,
        originalPath.substring(originalPath.lastIndexOf('/') + 1),
        bucket,
        objectKey,
        size,
        sha256,
        contentType,
        receivedAt,
        bridgeInstance);
  }

  /** The part of the event that travels on into metadata and reject records. */
  @JsonIgnore
  public SourceInfo source() {
    return new SourceInfo(sourceId, originalPath, fileName, eventId, receivedAt);
  }
}
