package io.imagestore.job.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;

/**
 * How the job treats one upload.
 *
 * @param originalsPrefix key prefix of the content-addressed originals, as the bridge writes them
 *     ({@code <prefix><sha256[0:2]>/<sha256>}): an event naming any other key is malformed
 * @param maxAttempts how often processing of the same bytes may start before the upload is
 *     rejected; counted in the object store, so attempts cut short by a crashed TaskManager count
 */
public record ProcessingSettings(String originalsPrefix, int maxAttempts) implements Serializable {
  public static final String DEFAULT_ORIGINALS_PREFIX = "originals/";
  public static final int DEFAULT_MAX_ATTEMPTS = 3;

  /**
   * The file's {@code processing} section; the prefix is {@code objectStore.originalsPrefix}, next
   * to the buckets it belongs with, and is filled in by {@link JobConfig}.
   */
  @JsonCreator
  static ProcessingSettings fromFile(@JsonProperty("maxAttempts") Integer maxAttempts) {
    return new ProcessingSettings(null, maxAttempts == null ? DEFAULT_MAX_ATTEMPTS : maxAttempts);
  }

  public ProcessingSettings withOriginalsPrefix(String value) {
    return new ProcessingSettings(value, maxAttempts);
  }

  public static ProcessingSettings defaults() {
    return new ProcessingSettings(DEFAULT_ORIGINALS_PREFIX, DEFAULT_MAX_ATTEMPTS);
  }

  public ProcessingSettings withMaxAttempts(int value) {
    return new ProcessingSettings(originalsPrefix, value);
  }
}
