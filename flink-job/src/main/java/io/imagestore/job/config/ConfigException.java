package io.imagestore.job.config;

/** Invalid job configuration; the message starts with the offending key, e.g. {@code kafka.bootstrap}. */
public class ConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String key;

  public ConfigException(String key, String problem) {
    super(key + ": " + problem);
    this.key = key;
  }

  public ConfigException(String key, String problem, Throwable cause) {
    super(key + ": " + problem, cause);
    this.key = key;
  }

  /** The dotted path of the key at fault. */
  public String key() {
    return key;
  }
}
