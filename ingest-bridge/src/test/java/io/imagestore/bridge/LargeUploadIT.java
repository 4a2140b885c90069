package io.imagestore.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagestore.schemas.UploadEvent;
import io.imagestore.stack.LocalStackExtension;
import io.imagestore.stack.StackEndpoints;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A 1 GiB upload through a bridge whose heap is capped at 256 MiB, in its own JVM started from the
 * YAML file with {@link BridgeMain} — the production entry point. Buffering the file would end in
 * an OutOfMemoryError and a failed upload; streaming keeps one part (8 MiB) per upload in memory.
 */
class LargeUploadIT {
  @RegisterExtension
  static final LocalStackExtension STACK = new LocalStackExtension();

  static final long SIZE = 1024L * 1024 * 1024;

  @Test
  void oneGibibyteStreamsThroughABridgeWith256MiBOfHeap() throws Exception {
    StackEndpoints endpoints = STACK.endpoints();
    Path dir = Files.createTempDirectory(endpoints.dataDir(), "large-");
    Path users = dir.resolve("users.txt");
    UsersFile.addUser(users, BridgeHarness.USER, BridgeHarness.PASSWORD, null);
    Path yaml = dir.resolve("bridge.yaml");
    Files.writeString(yaml, String.join("\n",
        "listen:", "  host: 127.0.0.1", "  port: 0",
        "users:", "  file: users.txt",
        // 8 connections × 8 MiB parts fit half of the 256 MiB heap (CapacityCheck).
        "limits:", "  maxFileSize: 2GiB", "  maxConnections: 8",
        "uploads:", "  partSize: 8MiB",
        "objectStore:",
        "  endpoint: " + endpoints.objectStore().endpoint(),
        "  accessKey: " + endpoints.objectStore().accessKey(),
        "  bucket: " + endpoints.buckets().originals(),
        "kafka:", "  bootstrap: " + endpoints.kafkaBootstrap(), "  topic: " + endpoints.topics().uploads(),
        "bridgeInstance: forked-bridge", ""));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xmx256m",
        "-Djava.io.tmpdir=" + dir, "-cp", System.getProperty("java.class.path"),
        BridgeMain.class.getName(), yaml.toString()).redirectErrorStream(true);
    // The secret comes from the environment, as in production.
    pb.environment().put("IMAGESTORE_FTP_OBJECT_STORE_SECRET_KEY", endpoints.objectStore().secretKey());
    Process bridge = pb.start();
    LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    CompletableFuture<Void> pump = CompletableFuture.runAsync(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(bridge.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          System.out.println("[bridge] " + line);
          lines.add(line);
        }
      } catch (java.io.IOException ignored) {
        // process ended
      }
    });
    try {
      int port = awaitReady(lines);
      MessageDigest sent = MessageDigest.getInstance("SHA-256");
      FTPClient ftp = new FTPClient();
      ftp.connect("127.0.0.1", port);
      ftp.setSoTimeout(120_000);
      assertThat(ftp.login(BridgeHarness.USER, BridgeHarness.PASSWORD)).isTrue();
      ftp.enterLocalPassiveMode();
      ftp.setFileType(FTP.BINARY_FILE_TYPE);
      ftp.setBufferSize(1 << 16);
      long t0 = System.nanoTime();
      try (InputStream in = new DigestInputStream(BridgeHarness.generated(SIZE, 42), sent)) {
        assertThat(ftp.storeFile("/big.raw", in)).as(ftp.getReplyString()).isTrue();
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf("1 GiB upload through a -Xmx256m bridge: %.1f s (%.0f MiB/s)%n", seconds, 1024 / seconds);
      assertThat(ftp.getReplyCode()).isEqualTo(226);
      ftp.disconnect();
      assertThat(bridge.isAlive()).isTrue();

      String sha = HexFormat.of().formatHex(sent.digest());
      List<UploadEvent> events = BridgeHarnessEvents.forPath(endpoints, "/big.raw");
      assertThat(events).singleElement().satisfies(e -> {
        assertThat(e.size()).isEqualTo(SIZE);
        assertThat(e.sha256()).isEqualTo(sha);
        assertThat(e.bridgeInstance()).isEqualTo("forked-bridge");
      });
      var s3 = STACK.s3();
      assertThat(s3.headObject(b -> b.bucket(endpoints.buckets().originals()).key(events.get(0).objectKey()))
          .contentLength()).isEqualTo(SIZE);
      assertThat(s3.listMultipartUploads(b -> b.bucket(endpoints.buckets().originals())).uploads()).isEmpty();
      assertThat(s3.listObjectsV2(b -> b.bucket(endpoints.buckets().originals()).prefix("staging/")).contents()).isEmpty();
      // Free the disk at once: three copies of a GiB would otherwise wait for the stack's cleanup.
      s3.deleteObject(b -> b.bucket(endpoints.buckets().originals()).key(events.get(0).objectKey()));
    } finally {
      // SIGTERM through the handle: Process.destroy() would also close our end of its stdout,
      // and the shutdown hook's lines would be lost.
      bridge.toHandle().destroy();
      if (!bridge.waitFor(60, TimeUnit.SECONDS)) {
        bridge.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      pump.get(10, TimeUnit.SECONDS);
    }
    assertThat(bridge.isAlive()).isFalse();
    assertThat(lines).as("graceful stop on SIGTERM").contains("ingest-bridge stopped");
  }

  private static int awaitReady(LinkedBlockingQueue<String> lines) throws InterruptedException {
    Pattern ready = Pattern.compile("ingest-bridge ready ftp=[^:]+:(\\d+)");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      String line = lines.poll(1, TimeUnit.SECONDS);
      if (line != null) {
        Matcher m = ready.matcher(line);
        if (m.find()) {
          return Integer.parseInt(m.group(1));
        }
      }
    }
    throw new AssertionError("bridge did not report ready");
  }

  /** Event lookups without a running in-process bridge. */
  private static final class BridgeHarnessEvents {
    static List<UploadEvent> forPath(StackEndpoints endpoints, String path) {
      return io.imagestore.stack.TopicReader.readCommitted(endpoints.kafkaBootstrap(), endpoints.topics().uploads(),
              java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(30)).stream()
          .map(BridgeHarness::read).filter(e -> e.originalPath().equals(path)).toList();
    }
  }
}
