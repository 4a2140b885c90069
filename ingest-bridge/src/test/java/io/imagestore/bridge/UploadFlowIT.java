package io.imagestore.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagestore.schemas.UploadEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/** The happy paths with Apache Commons Net: what a camera or partner system does, end to end. */
class UploadFlowIT {
  @RegisterExtension
  static final BridgeOnStack BRIDGE = new BridgeOnStack(b -> b.metricsPort(0));

  static BridgeHarness h() {
    return BRIDGE.harness();
  }

  @Test
  void storAnswers226OnlyWithTheObjectStoredAndTheEventPublished() throws Exception {
    byte[] image = "not really a jpeg, the bridge does not care".getBytes(StandardCharsets.UTF_8);
    String sha = BridgeHarness.sha256(new ByteArrayInputStream(image));
    FTPClient ftp = h().login();
    try {
      assertThat(ftp.storeFile("/first.jpg", new ByteArrayInputStream(image))).as(ftp.getReplyString()).isTrue();
      assertThat(ftp.getReplyCode()).isEqualTo(226);
      assertThat(ftp.getReplyString()).contains(sha);
    } finally {
      ftp.disconnect();
    }

    List<UploadEvent> events = h().events("/first.jpg");
    assertThat(events).hasSize(1);
    UploadEvent e = events.get(0);
    assertThat(e.sha256()).isEqualTo(sha);
    assertThat(e.size()).isEqualTo(image.length);
    assertThat(e.fileName()).isEqualTo("first.jpg");
    assertThat(e.contentType()).isEqualTo("image/jpeg");
    assertThat(e.bucket()).isEqualTo(h().bucket());
    assertThat(e.objectKey()).isEqualTo("originals/" + sha.substring(0, 2) + "/" + sha);
    assertThat(e.bridgeInstance()).isEqualTo("test-bridge");

    byte[] stored = h().s3.getObjectAsBytes(b -> b.bucket(h().bucket()).key(e.objectKey())).asByteArray();
    assertThat(stored).isEqualTo(image);
    HeadObjectResponse head = h().s3.headObject(b -> b.bucket(h().bucket()).key(e.objectKey()));
    assertThat(head.metadata()).containsEntry("imagestore-source", "camera")
        .containsEntry("imagestore-original-path", "%2Ffirst.jpg").containsKey("imagestore-received-at");
    assertThat(h().keys("staging/")).isEmpty();
    assertThat(h().openMultipartUploads()).isZero();
  }

  /**
   * A STOR's 150 and 226 follow one another with no command between: with Nagle's algorithm on
   * the control connection the 226 would wait for the client's delayed ACK of the 150.
   */
  @Test
  void controlConnectionsSendEachReplyAtOnce() throws Exception {
    FTPClient ftp = h().login();
    try {
      assertThat(h().bridge.controlConnections()).isNotEmpty()
          .allSatisfy(connection -> assertThat(connection.isTcpNoDelay()).as("TCP_NODELAY").isTrue());
    } finally {
      ftp.disconnect();
    }
  }

  @Test
  void sameFileTwiceGivesTwoEventsWithOneObject() throws Exception {
    byte[] image = "twice".getBytes(StandardCharsets.UTF_8);
    FTPClient ftp = h().login();
    try {
      assertThat(ftp.storeFile("twice.jpg", new ByteArrayInputStream(image))).isTrue();
      assertThat(ftp.storeFile("twice.jpg", new ByteArrayInputStream(image))).isTrue();
    } finally {
      ftp.disconnect();
    }
    List<UploadEvent> events = h().events("/twice.jpg");
    assertThat(events).hasSize(2);
    assertThat(events.get(0).sha256()).isEqualTo(events.get(1).sha256());
    assertThat(events.get(0).eventId()).isNotEqualTo(events.get(1).eventId());
    String sha = events.get(0).sha256();
    assertThat(h().keys("originals/" + sha.substring(0, 2) + "/" + sha)).hasSize(1);
  }

  @Test
  void fileLargerThanOnePartStreamsThroughMultipartAndStagingIsCleanedUp() throws Exception {
    long size = 12L * 1024 * 1024 + 123;
    String sha = BridgeHarness.sha256(BridgeHarness.generated(size, 7));
    FTPClient ftp = h().login();
    try {
      assertThat(ftp.storeFile("big.tif", BridgeHarness.generated(size, 7))).as(ftp.getReplyString()).isTrue();
      assertThat(ftp.getReplyCode()).isEqualTo(226);
      assertThat(ftp.getSize("big.tif")).isEqualTo(Long.toString(size));
    } finally {
      ftp.disconnect();
    }
    List<UploadEvent> events = h().events("/big.tif");
    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.sha256()).isEqualTo(sha);
      assertThat(e.size()).isEqualTo(size);
      assertThat(e.contentType()).isEqualTo("image/tiff");
    });
    String key = events.get(0).objectKey();
    assertThat(BridgeHarness.sha256(h().s3.getObject(b -> b.bucket(h().bucket()).key(key)))).isEqualTo(sha);
    assertThat(h().keys("staging/")).isEmpty();
    assertThat(h().openMultipartUploads()).isZero();
  }

  @Test
  void directoriesListingsSizeAndMdtmWorkLikeAFileSystem() throws Exception {
    FTPClient ftp = h().login();
    try {
      assertThat(ftp.makeDirectory("2026-11-25")).as(ftp.getReplyString()).isTrue();
      assertThat(ftp.changeWorkingDirectory("2026-11-25")).isTrue();
      assertThat(ftp.printWorkingDirectory()).isEqualTo("/2026-11-25");
      assertThat(ftp.makeDirectory("sub")).isTrue();
      byte[] bytes = new byte[1000];
      Arrays.fill(bytes, (byte) '\n');
      assertThat(ftp.storeFile("a.jpg", new ByteArrayInputStream(bytes))).isTrue();
      assertThat(ftp.getSize("a.jpg")).isEqualTo("1000");
      assertThat(ftp.getSize("/2026-11-25/a.jpg")).isEqualTo("1000");
      assertThat(ftp.getModificationTime("a.jpg")).matches("\\d{14}(\\.\\d+)?");

      FTPFile[] list = ftp.listFiles();
      assertThat(list).extracting(FTPFile::getName).containsExactlyInAnyOrder("sub", "a.jpg");
      assertThat(Arrays.stream(list).filter(FTPFile::isFile).findFirst().orElseThrow().getSize()).isEqualTo(1000);
      assertThat(ftp.listNames()).containsExactlyInAnyOrder("sub", "a.jpg");
      FTPFile[] mlsd = ftp.mlistDir();
      assertThat(mlsd).extracting(FTPFile::getName).containsExactlyInAnyOrder("sub", "a.jpg");
      assertThat(Arrays.stream(mlsd).filter(FTPFile::isDirectory).map(FTPFile::getName)).containsExactly("sub");

      assertThat(ftp.changeToParentDirectory()).isTrue();
      assertThat(ftp.printWorkingDirectory()).isEqualTo("/");
      // Implicit directories, as in the object store: CWD into a folder never made succeeds and
      // lists empty; STOR there creates it (and its parents), as curl without --ftp-create-dirs expects.
      assertThat(ftp.changeWorkingDirectory("new/deeper")).as(ftp.getReplyString()).isTrue();
      assertThat(ftp.printWorkingDirectory()).isEqualTo("/new/deeper");
      assertThat(ftp.listFiles()).isEmpty();
      assertThat(ftp.storeFile("x.jpg", new ByteArrayInputStream(bytes))).as(ftp.getReplyString()).isTrue();
      assertThat(ftp.listNames("/new")).containsExactly("deeper");
      assertThat(ftp.getSize("/new/deeper/x.jpg")).isEqualTo("1000");
      assertThat(ftp.changeWorkingDirectory("/2026-11-25/a.jpg")).as("a file is no directory").isFalse();
      assertThat(ftp.storeFile("/2026-11-25/a.jpg/y.jpg", new ByteArrayInputStream(bytes))).isFalse();
      assertThat(ftp.getReplyCode()).isEqualTo(550);
      assertThat(ftp.changeWorkingDirectory("/")).isTrue();

      ByteArrayOutputStream back = new ByteArrayOutputStream();
      assertThat(ftp.retrieveFile("/2026-11-25/a.jpg", back)).isTrue();
      assertThat(back.toByteArray()).isEqualTo(bytes);
      assertThat(ftp.removeDirectory("/2026-11-25/sub")).isTrue();
      assertThat(ftp.removeDirectory("/2026-11-25")).as("not empty").isFalse();
    } finally {
      ftp.disconnect();
    }
    assertThat(h().events("/2026-11-25/a.jpg")).hasSize(1);
    assertThat(h().events("/new/deeper/x.jpg")).hasSize(1);
  }

  @Test
  void temporaryNameIsPublishedOnlyWhenRenamedWithTheFinalName() throws Exception {
    FTPClient ftp = h().login();
    byte[] bytes = "tmp then rename".getBytes(StandardCharsets.UTF_8);
    try {
      assertThat(ftp.makeDirectory("/cam")).isTrue();
      assertThat(ftp.storeFile("/cam/x.jpg.tmp", new ByteArrayInputStream(bytes))).isTrue();
      assertThat(ftp.getReplyCode()).isEqualTo(226);
      assertThat(ftp.getSize("/cam/x.jpg.tmp")).isEqualTo(Integer.toString(bytes.length));
      assertThat(h().events("/cam/x.jpg.tmp")).isEmpty();
      assertThat(h().bridge.metrics().uploads("pending")).isPositive();

      assertThat(ftp.rename("/cam/x.jpg.tmp", "/cam/x.jpg")).as(ftp.getReplyString()).isTrue();
      assertThat(ftp.getReplyCode()).isEqualTo(250);
      assertThat(ftp.listNames("/cam")).containsExactly("x.jpg");
      // Published files are immutable.
      assertThat(ftp.rename("/cam/x.jpg", "/cam/y.jpg")).isFalse();
      assertThat(ftp.getReplyCode()).isEqualTo(550);
      assertThat(ftp.deleteFile("/cam/x.jpg")).isFalse();
      assertThat(ftp.getReplyCode()).isEqualTo(550);

      // An unpublished upload of one's own may be deleted.
      assertThat(ftp.storeFile("/cam/gone.jpg.part", new ByteArrayInputStream(bytes))).isTrue();
      assertThat(ftp.deleteFile("/cam/gone.jpg.part")).as(ftp.getReplyString()).isTrue();
      assertThat(ftp.listNames("/cam")).containsExactly("x.jpg");
    } finally {
      ftp.disconnect();
    }
    List<UploadEvent> events = h().events("/cam/x.jpg");
    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.fileName()).isEqualTo("x.jpg");
      assertThat(e.contentType()).isEqualTo("image/jpeg");
    });
    assertThat(h().events("/cam/gone.jpg.part")).isEmpty();
  }

  @Test
  void activeModeUploadsWork() throws Exception {
    FTPClient ftp = h().login();
    try {
      ftp.enterLocalActiveMode();
      assertThat(ftp.storeFile("active.jpg", new ByteArrayInputStream(new byte[] {7, 7, 7}))).as(ftp.getReplyString()).isTrue();
      assertThat(ftp.getReplyCode()).isEqualTo(226);
    } finally {
      ftp.disconnect();
    }
    assertThat(h().events("/active.jpg")).hasSize(1);
  }

  @Test
  void resumeAndAppendAreRefusedWithAClearReply() throws Exception {
    FTPClient ftp = h().login();
    try {
      assertThat(ftp.appendFile("appe.jpg", new ByteArrayInputStream(new byte[10]))).isFalse();
      assertThat(ftp.getReplyCode()).isEqualTo(502);
      assertThat(ftp.getReplyString()).contains("APPE not supported");
      assertThat(ftp.rest("100")).isEqualTo(502);
      assertThat(ftp.getReplyString()).contains("Resume not supported");
      assertThat(ftp.rest("0")).isEqualTo(350);
      assertThat(ftp.storeUniqueFile(new ByteArrayInputStream(new byte[10]))).isFalse();
      assertThat(ftp.getReplyCode()).isEqualTo(502);
    } finally {
      ftp.disconnect();
    }
    assertThat(h().events("/appe.jpg")).isEmpty();
  }

  @Test
  void accountsAreConfinedToTheirHomePrefix() throws Exception {
    FTPClient partner = h().login("partner", "partner-pw");
    try {
      assertThat(partner.storeFile("p.png", new ByteArrayInputStream(new byte[] {1, 2, 3}))).isTrue();
      assertThat(partner.listNames("/")).containsExactly("p.png");
    } finally {
      partner.disconnect();
    }
    assertThat(h().keys("ftp/partners/acme/")).contains("ftp/partners/acme/p.png");
    assertThat(h().events("partner", "/p.png")).singleElement()
        .satisfies(e -> assertThat(e.contentType()).isEqualTo("image/png"));
    FTPClient camera = h().login();
    try {
      assertThat(camera.listNames("/")).doesNotContain("p.png");
      assertThat(camera.getSize("/p.png")).isNull();
    } finally {
      camera.disconnect();
    }
  }

  @Test
  void metricsEndpointServesPrometheusCounters() throws Exception {
    FTPClient ftp = h().login();
    try {
      assertThat(ftp.storeFile("metered.jpg", new ByteArrayInputStream(new byte[] {9}))).isTrue();
    } finally {
      ftp.disconnect();
    }
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + h().bridge.metricsPort() + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("imagestore_uploads_total{outcome=\"ok\"}")
        .contains("imagestore_upload_bytes_total").contains("imagestore_uploads_in_flight")
        .contains("imagestore_logins_total{outcome=\"ok\"}");
    assertThat(h().bridge.metrics().uploads("ok")).isPositive();
  }
}
