package io.imagestore.system.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imagestore.bridge.BridgeConfig;
import io.imagestore.bridge.IngestBridge;
import io.imagestore.bridge.UsersFile;
import io.imagestore.stack.LocalStackExtension;
import io.imagestore.stack.StackEndpoints;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load generator's own accounting, against the real bridge: a 4xx is retried and counted, a
 * 5xx is final, and a load's every file is a distinct, acknowledged image. The Ceph scenarios
 * report these counts, so they must be right when nothing goes wrong there too.
 */
class FtpCameraIT {
  @RegisterExtension static final LocalStackExtension STACK = new LocalStackExtension(2);

  private static final String USER = "camera-it";
  private static final String PASSWORD = "camera-it-secret";
  private static final long MAX_FILE_SIZE = 64 * 1024;

  @TempDir Path work;
  private IngestBridge bridge;

  @BeforeEach
  void startBridge() throws Exception {
    StackEndpoints endpoints = STACK.endpoints();
    Path users = work.resolve("users.txt");
    UsersFile.addUser(users, USER, PASSWORD, null);
    bridge = IngestBridge.start(BridgeConfig.builder()
        .port(0)
        .usersFile(users)
        .limits(BridgeConfig.Limits.defaults().withMaxFileSize(MAX_FILE_SIZE))
        .objectStore(endpoints.objectStore())
        .bucket(endpoints.buckets().originals())
        .kafkaBootstrap(endpoints.kafkaBootstrap())
        .uploadsTopic(endpoints.topics().uploads())
        // A short wait for Kafka's ack, so an outage turns into 451 replies quickly.
        .kafkaAckTimeout(Duration.ofSeconds(2))
        .bridgeInstance("camera-it")
        .build());
  }

  @AfterEach
  void stopBridge() {
    if (bridge != null) {
      bridge.close();
    }
    STACK.stack().kafka().start(); // in case a test left it stopped
  }

  @Test
  void retriesEach4xxUntilTheUploadIsAcknowledged() throws Exception {
    byte[] image = new UniqueJpegs(1L, 256, 128).jpeg(1);
    CompletableFuture<UploadOutcome> sent;
    try (FtpCamera camera = camera(100)) {
      STACK.stack().kafka().close();
      try {
        sent = CompletableFuture.supplyAsync(() -> {
          try {
            return camera.send(1, "/retry/img.jpg", image);
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        });
        await().atMost(Duration.ofMinutes(1)).until(() -> bridge.metrics().uploads("kafka_error") >= 2);
      } finally {
        STACK.stack().kafka().start();
      }
      UploadOutcome outcome = sent.get(2, TimeUnit.MINUTES);

      assertThat(outcome.acknowledged()).isTrue();
      assertThat(outcome.lastReply()).isEqualTo(226);
      assertThat(outcome.sha256()).isEqualTo(FtpCamera.sha256(image));
      assertThat(outcome.attempts()).isGreaterThanOrEqualTo(3);
      assertThat(outcome.retries()).isEqualTo(outcome.attempts() - 1);
      assertThat(camera.lastReplyText()).startsWith("226").contains(outcome.sha256());
    }
  }

  @Test
  void a5xxIsFinalAndNotRetried() throws Exception {
    try (FtpCamera camera = camera(5)) {
      UploadOutcome outcome = camera.send(1, "/too-big.bin", new byte[(int) MAX_FILE_SIZE + 1]);
      assertThat(outcome.acknowledged()).isFalse();
      assertThat(outcome.lastReply()).isEqualTo(552);
      assertThat(outcome.attempts()).isEqualTo(1);
      assertThat(outcome.retries()).isZero();

      // The camera's connection stays usable after a refused file.
      assertThat(camera.send(2, "/small.jpg", new UniqueJpegs(2L, 256, 128).jpeg(2)).acknowledged()).isTrue();
    }
  }

  @Test
  void aLoadSendsDistinctImagesInSequenceAndKeepsEveryOutcome() throws Exception {
    AtomicLong sequence = new AtomicLong(100);
    List<UploadOutcome> outcomes;
    try (UploadLoad load = new UploadLoad(() -> camera(3), new UniqueJpegs(3L, 256, 128), sequence, "/load", 20)) {
      load.start();
      await().atMost(Duration.ofMinutes(1)).until(() -> load.acknowledged() >= 10);
      outcomes = load.stop();
    }
    assertThat(outcomes.size()).isGreaterThanOrEqualTo(10);
    assertThat(outcomes).allSatisfy(o -> {
      assertThat(o.acknowledged()).isTrue();
      assertThat(o.attempts()).isEqualTo(1);
    });
    assertThat(outcomes).extracting(UploadOutcome::sequence).startsWith(101L, 102L, 103L).doesNotHaveDuplicates();
    assertThat(outcomes).extracting(UploadOutcome::sha256).doesNotHaveDuplicates();
    assertThat(outcomes).extracting(UploadOutcome::path).contains("/load/img-000101.jpg");
    assertThat(sequence.get()).isEqualTo(100L + outcomes.size());
  }

  private FtpCamera camera(int maxAttempts) {
    return new FtpCamera(bridge.host(), bridge.port(), USER, PASSWORD, maxAttempts, Duration.ofMillis(200));
  }
}
