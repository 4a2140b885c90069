package io.imagestore.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.awaitility.Awaitility.await;

import io.imagestore.schemas.UploadEvent;
import io.imagestore.stack.LocalStackExtension;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every failure the issue names: the reply the client sees, then the counts — events on the topic,
 * objects in the bucket, open multipart uploads.
 */
class FailureSemanticsIT {
  static final long MAX_SIZE = 6L * 1024 * 1024;

  @RegisterExtension
  static final BridgeOnStack BRIDGE = new BridgeOnStack(b -> b.limits(b.limits().withMaxFileSize(MAX_SIZE)));
  static final LocalStackExtension STACK = BRIDGE.stack();

  static BridgeHarness h() {
    return BRIDGE.harness();
  }

  @Test
  void clientDisconnectMidTransferAbortsTheMultipartUploadAndPublishesNothing() throws Exception {
    long aborted = h().bridge.metrics().uploads("client_aborted");
    FTPClient ftp = h().login();
    Socket data = BridgeHarness.passiveData(ftp, null);
    assertThat(ftp.sendCommand("STOR", "cut.jpg")).isEqualTo(150);
    OutputStream out = data.getOutputStream();
    byte[] chunk = new byte[64 * 1024];
    // More than one part, so a multipart upload is open on the staging key when the client dies.
    for (int i = 0; i < 90; i++) {
      out.write(chunk);
    }
    out.flush();
    await().atMost(Duration.ofSeconds(30)).until(() -> h().openMultipartUploads() == 1);
    // A killed client: the data connection is reset, the control connection dropped.
    data.setSoLinger(true, 0);
    data.close();
    ftp.disconnect();

    await().atMost(Duration.ofSeconds(30)).until(() -> h().bridge.metrics().uploads("client_aborted") == aborted + 1);
    assertThat(h().openMultipartUploads()).isZero();
    assertThat(h().keys("staging/")).isEmpty();
    assertThat(h().keys("ftp/camera/cut.jpg")).isEmpty();
    assertThat(h().events("/cut.jpg")).isEmpty();
    assertThat(h().bridge.metrics().inFlight()).isZero();
  }

  @Test
  void fileOverTheSizeLimitGets552AndLeavesNothing() throws Exception {
    FTPClient ftp = h().login();
    try {
      Socket data = BridgeHarness.passiveData(ftp, null);
      assertThat(ftp.sendCommand("STOR", "huge.jpg")).isEqualTo(150);
      byte[] chunk = new byte[64 * 1024];
      long sent = 0;
      try (OutputStream out = data.getOutputStream()) {
        while (sent < 3 * MAX_SIZE) {
          out.write(chunk);
          sent += chunk.length;
        }
      } catch (IOException expected) {
        // the server closed the data connection at the limit
      } finally {
        data.close();
      }
      assertThat(ftp.getReply()).isEqualTo(552);
      assertThat(ftp.getReplyString()).contains("maximum size");
      // The session is still usable.
      assertThat(ftp.storeFile("small.jpg", new ByteArrayInputStream(new byte[] {1}))).isTrue();
    } finally {
      ftp.disconnect();
    }
    assertThat(h().openMultipartUploads()).isZero();
    assertThat(h().keys("staging/")).isEmpty();
    assertThat(h().events("/huge.jpg")).isEmpty();
    assertThat(h().bridge.metrics().uploads("too_large")).isEqualTo(1);
  }

  @Test
  void objectStoreDownGives451AndNoEventThenTheRetrySucceeds() throws Exception {
    assumeTrue(STACK.stack().hasEmbeddedObjectStore(), "needs an object store this test can stop");
    byte[] small = "store down".getBytes(StandardCharsets.UTF_8);
    String sha = BridgeHarness.sha256(new ByteArrayInputStream(small));
    FTPClient ftp = h().login();
    try {
      STACK.stack().s3().close();
      try {
        assertThat(ftp.storeFile("s3down.jpg", new ByteArrayInputStream(small))).isFalse();
        assertThat(ftp.getReplyCode()).isEqualTo(451);
        // A large file gets the same 451, before any byte is sent: STOR asks the object store
        // whether the name is a folder before it answers 150, so size makes no difference here.
        // A store that dies while parts are streaming is the next test.
        assertThat(ftp.storeFile("s3down-big.jpg", BridgeHarness.generated(7L * 1024 * 1024, 3))).isFalse();
        assertThat(ftp.getReplyCode()).isEqualTo(451);
        assertThat(ftp.getReplyString()).contains("try again later").doesNotContain("upload not stored");
      } finally {
        STACK.stack().s3().start();
      }
      assertThat(h().keys("originals/" + sha.substring(0, 2) + "/" + sha)).isEmpty();
      assertThat(h().keys("staging/")).isEmpty();
      assertThat(h().openMultipartUploads()).isZero();
      assertThat(h().events("/s3down.jpg")).isEmpty();
      assertThat(h().events("/s3down-big.jpg")).isEmpty();

      assertThat(ftp.storeFile("s3down.jpg", new ByteArrayInputStream(small))).as(ftp.getReplyString()).isTrue();
      assertThat(ftp.getReplyCode()).isEqualTo(226);
    } finally {
      ftp.disconnect();
    }
    assertThat(h().events("/s3down.jpg")).singleElement().satisfies(e -> assertThat(e.sha256()).isEqualTo(sha));
    assertThat(h().bridge.metrics().uploads("object_store_error")).isGreaterThanOrEqualTo(2);
  }

  @Test
  void objectStoreDyingMidUploadGives451AndTheOpenMultipartUploadIsAbortedOnceItIsBack() throws Exception {
    assumeTrue(STACK.stack().hasEmbeddedObjectStore(), "needs an object store this test can stop");
    FTPClient ftp = h().login();
    try (Socket data = BridgeHarness.passiveData(ftp, null)) {
      assertThat(ftp.sendCommand("STOR", "mid.jpg")).isEqualTo(150);
      OutputStream out = data.getOutputStream();
      out.write(new byte[5 * 1024 * 1024 + 256 * 1024]);
      out.flush();
      await().atMost(Duration.ofSeconds(30)).until(() -> h().openMultipartUploads() == 1);
      STACK.stack().s3().close();
      try {
        out.write(new byte[256 * 1024]);
        data.shutdownOutput();
        assertThat(ftp.getReply()).isEqualTo(451);
      } finally {
        STACK.stack().s3().start();
      }
    } finally {
      ftp.disconnect();
    }
    // The abort failed while the store was down; the bridge retries it once the store is back.
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> h().openMultipartUploads() == 0);
    assertThat(h().keys("staging/")).isEmpty();
    assertThat(h().keys("ftp/camera/mid.jpg")).isEmpty();
    assertThat(h().events("/mid.jpg")).isEmpty();
  }

  @Test
  void kafkaDownGives451AndNoEventThenTheRetryPublishes() throws Exception {
    byte[] small = "kafka down".getBytes(StandardCharsets.UTF_8);
    String sha = BridgeHarness.sha256(new ByteArrayInputStream(small));
    long bigSize = 5L * 1024 * 1024 + 512 * 1024;
    String bigSha = BridgeHarness.sha256(BridgeHarness.generated(bigSize, 5));
    FTPClient ftp = h().login();
    try {
      STACK.stack().kafka().close();
      try {
        assertThat(ftp.storeFile("kdown.jpg", new ByteArrayInputStream(small))).isFalse();
        assertThat(ftp.getReplyCode()).isEqualTo(451);
        assertThat(ftp.storeFile("kdown-big.jpg", BridgeHarness.generated(bigSize, 5))).isFalse();
        assertThat(ftp.getReplyCode()).isEqualTo(451);
        assertThat(ftp.getSize("kdown.jpg")).as("not in the namespace").isNull();
      } finally {
        STACK.stack().kafka().start();
      }
      assertThat(h().events("/kdown.jpg")).isEmpty();
      assertThat(h().events("/kdown-big.jpg")).isEmpty();
      // Staging is removed; the content-addressed originals stay, unreferenced (never deleted:
      // another upload of the same bytes may be published and point at them).
      assertThat(h().keys("staging/")).isEmpty();
      assertThat(h().openMultipartUploads()).isZero();
      assertThat(h().keys("originals/" + sha.substring(0, 2) + "/" + sha)).hasSize(1);
      assertThat(h().keys("originals/" + bigSha.substring(0, 2) + "/" + bigSha)).hasSize(1);

      // The source retries until it gets 226, as it would after a 451.
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(
          () -> ftp.storeFile("kdown.jpg", new ByteArrayInputStream(small)));
      assertThat(ftp.getReplyCode()).isEqualTo(226);
      assertThat(ftp.storeFile("kdown-big.jpg", BridgeHarness.generated(bigSize, 5))).as(ftp.getReplyString()).isTrue();
    } finally {
      ftp.disconnect();
    }
    List<UploadEvent> events = h().events("/kdown.jpg");
    assertThat(events).isNotEmpty().allSatisfy(e -> assertThat(e.sha256()).isEqualTo(sha));
    assertThat(h().events("/kdown-big.jpg")).isNotEmpty().allSatisfy(e -> assertThat(e.sha256()).isEqualTo(bigSha));
    assertThat(h().bridge.metrics().uploads("kafka_error")).isGreaterThanOrEqualTo(2);
  }

  @Test
  void kafkaDownDuringRenameKeepsTheTemporaryFileForARetry() throws Exception {
    byte[] bytes = "rename while kafka is down".getBytes(StandardCharsets.UTF_8);
    FTPClient ftp = h().login();
    try {
      assertThat(ftp.storeFile("r.jpg.tmp", new ByteArrayInputStream(bytes))).isTrue();
      STACK.stack().kafka().close();
      try {
        assertThat(ftp.rename("r.jpg.tmp", "r.jpg")).isFalse();
        assertThat(ftp.getReplyCode()).isEqualTo(451);
        assertThat(ftp.listNames()).contains("r.jpg.tmp").doesNotContain("r.jpg");
      } finally {
        STACK.stack().kafka().start();
      }
      assertThat(h().events("/r.jpg")).isEmpty();
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
          .until(() -> ftp.rename("r.jpg.tmp", "r.jpg"));
      assertThat(ftp.listNames()).contains("r.jpg").doesNotContain("r.jpg.tmp");
    } finally {
      ftp.disconnect();
    }
    assertThat(h().events("/r.jpg")).isNotEmpty().allSatisfy(e -> assertThat(e.fileName()).isEqualTo("r.jpg"));
  }
}
