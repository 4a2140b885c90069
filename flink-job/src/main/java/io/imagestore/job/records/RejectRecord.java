package io.imagestore.job.records;

import io.imagestore.schemas.ImageReject;

/**
 * A reject with the Kafka key it is written under: the imageId when known, else the raw key of
 * the unreadable upload event (may be null), as the reject contract states.
 */
public record RejectRecord(String kafkaKey, ImageReject reject) {

  public static RejectRecord of(ImageReject reject) {
    return new RejectRecord(reject.imageId(), reject);
  }
}
