package io.imagestore.stack;

import java.util.Map;

/**
 * A part of the pipeline that runs on top of the embedded Kafka and S3 server — the FTP bridge,
 * the Flink job on a MiniCluster. Components start in the order given, after Kafka and S3 are
 * ready, and stop in reverse order.
 */
public interface StackComponent extends AutoCloseable {

  /** Short name for progress lines, e.g. {@code ftp-bridge}. */
  String name();

  void start(StackEndpoints endpoints) throws Exception;

  /**
   * What this component adds to {@code stack.env} (e.g. {@code IMAGESTORE_FTP_PORT}); asked after
   * {@link #start}.
   */
  default Map<String, String> env() {
    return Map.of();
  }

  @Override
  void close() throws Exception;
}
