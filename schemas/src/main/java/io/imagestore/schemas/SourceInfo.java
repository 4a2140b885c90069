package io.imagestore.schemas;

import java.time.Instant;
import java.util.UUID;

/** Where an upload came from, copied from its {@link UploadEvent}. */
public record SourceInfo(
    String sourceId, String originalPath, String fileName, UUID eventId, Instant receivedAt) {}
