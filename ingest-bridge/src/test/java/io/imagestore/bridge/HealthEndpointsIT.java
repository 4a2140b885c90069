package io.imagestore.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imagestore.stack.LocalStackExtension;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /health} and {@code /ready} against the real broker and S3 server, stopped and started. */
class HealthEndpointsIT {
  @RegisterExtension
  static final BridgeOnStack BRIDGE = new BridgeOnStack(b -> b.metricsPort(0));
  static final LocalStackExtension STACK = BRIDGE.stack();

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  static BridgeHarness h() {
    return BRIDGE.harness();
  }

  @Test
  void readyNamesEveryDependencyAndHealthOnlyTheListener() throws Exception {
    HttpResponse<String> ready = get("/ready");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(ready.body()).isEqualTo("{\"status\":\"up\",\"checks\":{\"ftp\":{\"status\":\"up\"},"
        + "\"objectStore\":{\"status\":\"up\"},\"kafka\":{\"status\":\"up\"}}}");
    HttpResponse<String> health = get("/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("{\"status\":\"up\",\"checks\":{\"ftp\":{\"status\":\"up\"}}}");
    assertThat(post("/ready").statusCode()).isEqualTo(405);
  }

  @Test
  void readyIs503WhileKafkaIsDownAndHealthStaysUp() throws Exception {
    STACK.stack().kafka().close();
    try {
      await("/ready answers 503 naming kafka").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        HttpResponse<String> ready = get("/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).startsWith("{\"status\":\"down\"")
            .contains("\"objectStore\":{\"status\":\"up\"}").contains("\"kafka\":{\"status\":\"down\",\"error\":");
      });
      assertThat(get("/health").statusCode()).as("liveness does not depend on Kafka").isEqualTo(200);
    } finally {
      STACK.stack().kafka().start();
    }
    await("/ready answers 200 again").atMost(Duration.ofSeconds(60))
        .untilAsserted(() -> assertThat(get("/ready").statusCode()).isEqualTo(200));
  }

  @Test
  void readyIs503WhileTheObjectStoreIsDown() throws Exception {
    Assumptions.assumeTrue(STACK.stack().hasEmbeddedObjectStore(), "only the embedded S3 server can be stopped");
    STACK.stack().s3().close();
    try {
      HttpResponse<String> ready = get("/ready");
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(ready.body()).contains("\"objectStore\":{\"status\":\"down\",\"error\":\"bucket originals: ")
          .contains("\"kafka\":{\"status\":\"up\"}");
      assertThat(get("/health").statusCode()).isEqualTo(200);
    } finally {
      STACK.stack().s3().start();
    }
    assertThat(get("/ready").statusCode()).isEqualTo(200);
  }

  @Test
  void uploadDurationsArePublishedAsAHistogram() throws Exception {
    FTPClient ftp = h().login();
    try {
      assertThat(ftp.storeFile("timed.jpg", new ByteArrayInputStream(new byte[] {1, 2, 3}))).isTrue();
    } finally {
      ftp.disconnect();
    }
    String scrape = get("/metrics").body();
    assertThat(scrape).contains("imagestore_upload_duration_seconds_bucket{le=\"0.1\"}")
        .contains("imagestore_upload_duration_seconds_bucket{le=\"+Inf\"}")
        .containsPattern("imagestore_upload_duration_seconds_count [1-9]");
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + h().bridge.metricsPort() + path);
  }
}
