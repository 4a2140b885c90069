package io.imagestore.bridge;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the bridge on its own: {@code BridgeMain <config.yaml>}, with {@code IMAGESTORE_FTP_*}
 * environment overrides. Stops gracefully on SIGTERM/SIGINT.
 */
public final class BridgeMain {
  private BridgeMain() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length != 1) {
      System.err.println("usage: BridgeMain <bridge.yaml>");
      System.exit(2);
    }
    BridgeConfig config;
    try {
      config = BridgeConfig.load(Path.of(args[0]), System.getenv());
    } catch (RuntimeException e) {
      System.err.println("bad configuration: " + e.getMessage());
      System.exit(2);
      return;
    }
    IngestBridge bridge;
    try {
      bridge = IngestBridge.start(config);
    } catch (IllegalArgumentException e) {
      // Limits that do not fit each other (CapacityCheck) or the users file: the operator's to fix.
      System.err.println("bad configuration: " + e.getMessage());
      System.exit(2);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("ingest-bridge stopping");
      try {
        bridge.close();
        // stdout, not the log: logging may already be shut down by its own hook.
        System.out.println("ingest-bridge stopped");
      } catch (RuntimeException | Error e) {
        e.printStackTrace();
      } finally {
        System.out.flush();
        stopped.countDown();
      }
    }, "bridge-shutdown"));
    // Parseable by whoever started us (tests, scripts): the actual port when 0 was configured.
    System.out.println("ingest-bridge ready ftp=" + bridge.host() + ":" + bridge.port()
        + (bridge.metricsPort() > 0 ? " metrics=" + bridge.metricsPort() : ""));
    System.out.flush();
    stopped.await();
  }
}
