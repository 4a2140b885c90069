package io.imagestore.config;

/**
 * A configuration value that cannot be used; the message starts with the key as written in the
 * file ({@code limits.maxFileSize: ...}), so the user knows which line to fix.
 */
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

  /** The dotted path of the key at fault, e.g. {@code objectStore.buckets.state} or {@code routes[1].profile}. */
  public String key() {
    return key;
  }
}
