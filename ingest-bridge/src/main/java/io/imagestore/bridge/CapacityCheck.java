package io.imagestore.bridge;

/**
 * The limits that must fit each other, checked before the bridge binds anything.
 * {@code limits.maxConnections} sizes MINA's threads and the S3 connection pool, and each
 * connection may hold one part buffer ({@code uploads.partSize}) while it uploads; every
 * transfer in passive mode holds one passive port. A configuration where they do not fit works
 * until the busiest minute of the day, then fails cameras with 425 or the JVM with an
 * OutOfMemoryError: refuse it at start with the numbers instead.
 */
public final class CapacityCheck {
  /** Part buffers may take this share of the heap; the rest is the SDK's, MINA's and Kafka's. */
  static final double BUFFER_SHARE_OF_HEAP = 0.5;

  private CapacityCheck() {}

  /** @throws IllegalArgumentException naming the keys and the numbers when they do not fit */
  public static void check(BridgeConfig config, long maxHeapBytes) {
    int connections = config.limits().maxConnections();
    long passive = passivePortCount(config.passivePorts());
    if (passive < connections) {
      throw new IllegalArgumentException("passive.ports '" + config.passivePorts() + "' has " + passive
          + " ports for limits.maxConnections " + connections + ": every connection may transfer at once, each"
          + " on its own passive port; widen the range (and publish it) or lower limits.maxConnections");
    }
    long buffers = connections * config.partSize();
    long allowed = (long) (maxHeapBytes * BUFFER_SHARE_OF_HEAP);
    if (buffers > allowed) {
      throw new IllegalArgumentException("limits.maxConnections " + connections + " × uploads.partSize "
          + mib(config.partSize()) + " = " + mib(buffers) + " of upload buffers, more than half of the heap ("
          + mib(maxHeapBytes) + "): lower either, or give the bridge at least " + mib(2 * buffers) + " (-Xmx)");
    }
  }

  /**
   * Ports in an ftpserver passive spec ({@code 30000-30099}, {@code 30000,30005}, {@code 30000-}
   * to 65535); {@code 0} is any free port, unlimited.
   */
  static long passivePortCount(String spec) {
    long count = 0;
    for (String part : spec.split(",")) {
      String p = part.trim();
      if (p.equals("0")) {
        return Long.MAX_VALUE;
      }
      int dash = p.indexOf('-');
      if (dash < 0) {
        count++;
      } else {
        int from = dash == 0 ? 1024 : Integer.parseInt(p.substring(0, dash).trim());
        int to = dash == p.length() - 1 ? 65535 : Integer.parseInt(p.substring(dash + 1).trim());
        count += Math.max(0, to - from + 1);
      }
    }
    return count;
  }

  private static String mib(long bytes) {
    return (bytes + (1 << 20) - 1) / (1 << 20) + " MiB";
  }
}
