package io.imagestore.cli.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagestore.bridge.UsersFile;
import io.imagestore.objectstore.ObjectStoreSettings;
import io.imagestore.objectstore.S3Clients;
import io.imagestore.stack.LocalStack;
import io.imagestore.stack.StackEndpoints;
import io.imagestore.stack.StackSettings;
import io.imagestore.stack.TopicReader;
import io.imagestore.stack.fixtures.GeneratedStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A 1 GiB upload passes the bridge with a 256 MiB heap: the bridge runs as its own JVM with
 * {@code -Xmx256m} (and exits on an OutOfMemoryError) against the embedded S3 server and Kafka
 * broker; 1 GiB of random bytes, made while sent, goes up over FTP. Expected: 226, one original of
 * exactly that size in the store, one upload event naming it. The bridge streams: one multipart
 * part buffer ({@code uploads.partSize}, 8 MiB by default) per transfer, never the file.
 *
 * <p>Slow and heavy: 35 s on an idle 2-core machine, minutes on a busy one, and 2 GiB written to
 * the temporary directory (the S3 server stores the staged upload, then copies it to its
 * content-addressed key). Tagged {@code memory}: only with {@code -Pmemory-proofs} (README,
 * Performance).
 */
@Tag("memory")
class BridgeLargeUploadHeapIT {
  private static final long ONE_GIB = 1L << 30;
  private static final String USER = "camera";
  private static final String PASSWORD = "large-upload-test";

  @TempDir Path dir;

  @Test
  void oneGibUploadPassesABridgeWith256MibOfHeap() throws Exception {
    try (LocalStack stack = LocalStack.start(StackSettings.ephemeral(dir.resolve("stack")))) {
      StackEndpoints endpoints = stack.endpoints();
      Path users = dir.resolve("users.txt");
      UsersFile.addUser(users, USER, PASSWORD, USER);
      Path config = Files.writeString(dir.resolve("bridge.yaml"), String.join("\n",
          "listen:",
          "  host: 127.0.0.1",
          "  port: 0",
          "users:",
          "  file: " + users,
          // 8 connections × 8 MiB parts fit half of the 256 MiB heap (CapacityCheck).
          "limits:",
          "  maxConnections: 8",
          "kafka:",
          "  topic: " + endpoints.topics().uploads(),
          ""), StandardCharsets.UTF_8);
      ObjectStoreSettings store = endpoints.objectStore();
      Map<String, String> env = Map.of(
          "IMAGESTORE_FTP_OBJECT_STORE_ENDPOINT", store.endpoint().toString(),
          "IMAGESTORE_FTP_OBJECT_STORE_REGION", store.region(),
          "IMAGESTORE_FTP_OBJECT_STORE_ACCESS_KEY", store.accessKey(),
          "IMAGESTORE_FTP_OBJECT_STORE_SECRET_KEY", store.secretKey(),
          "IMAGESTORE_FTP_OBJECT_STORE_BUCKET", endpoints.buckets().originals(),
          "IMAGESTORE_FTP_KAFKA_BOOTSTRAP", endpoints.kafkaBootstrap(),
          "IMAGESTORE_FTP_BRIDGE_INSTANCE", "heap-256m");

      int reply;
      String replyText;
      long peakRss;
      try (BridgeProcess bridge = BridgeProcess.start(
          List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=" + dir),
          config, env, dir.resolve("bridge.log"))) {
        FTPClient ftp = new FTPClient();
        ftp.setConnectTimeout(10_000);
        ftp.setDefaultTimeout(60_000);
        ftp.setBufferSize(64 * 1024);
        ftp.connect(bridge.host(), bridge.port());
        try {
          ftp.setSoTimeout(120_000);
          assertThat(ftp.login(USER, PASSWORD)).as(ftp.getReplyString()).isTrue();
          ftp.setFileType(FTP.BINARY_FILE_TYPE);
          ftp.enterLocalPassiveMode();
          try (InputStream body = new GeneratedStream(1, ONE_GIB)) {
            ftp.storeFile("/large/one-gib.bin", body);
          }
          reply = ftp.getReplyCode();
          replyText = ftp.getReplyString();
          ftp.logout();
        } finally {
          ftp.disconnect();
        }
        peakRss = bridge.peakRssMib();
        assertThat(bridge.isAlive()).as("the bridge survived the upload; its log:%n%s", bridge.log()).isTrue();
      }
      System.out.printf("bridge with -Xmx256m: 1 GiB upload -> %s; peak RSS %d MiB%n", replyText.strip(), peakRss);
      assertThat(reply).as(replyText).isEqualTo(226);

      try (S3Client s3 = S3Clients.create(store, 2)) {
        List<S3Object> originals = s3.listObjectsV2Paginator(b -> b.bucket(endpoints.buckets().originals())
            .prefix("originals/")).contents().stream().toList();
        assertThat(originals).singleElement().extracting(S3Object::size).isEqualTo(ONE_GIB);
      }
      var events = TopicReader.readCommitted(endpoints.kafkaBootstrap(), endpoints.topics().uploads(), 1,
          Duration.ofMinutes(1));
      assertThat(events).hasSize(1);
      assertThat(new String(events.get(0).value(), StandardCharsets.UTF_8))
          .contains("/large/one-gib.bin").contains(Long.toString(ONE_GIB));
    }
  }
}
