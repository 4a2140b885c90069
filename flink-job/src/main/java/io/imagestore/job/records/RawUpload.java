package io.imagestore.job.records;

/**
 * An upload-event record exactly as read from Kafka, before parsing: parsing happens in an
 * operator that can route a malformed payload to the rejects instead of failing the source.
 *
 * @param key the Kafka key (the bridge uses the sha256), null when absent
 * @param value the payload, never null (an absent value is an empty array)
 */
public record RawUpload(String key, byte[] value) {
  public RawUpload {
    value = value == null ? new byte[0] : value;
  }
}
