package io.imagestore.job.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imagestore.bridge.BridgeConfig;
import io.imagestore.bridge.IngestBridge;
import io.imagestore.bridge.UsersFile;
import io.imagestore.job.runner.LocalJobRunner;
import io.imagestore.job.testing.CommittedRecords;
import io.imagestore.job.testing.TestImages;
import io.imagestore.job.testing.TestJobConfigs;
import io.imagestore.job.testing.UploadDriver;
import io.imagestore.schemas.ImageMetadata;
import io.imagestore.schemas.ImageReject;
import io.imagestore.schemas.RejectReason;
import io.imagestore.stack.LocalStackExtension;
import io.imagestore.stack.StackEndpoints;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * From an FTP client through the real ingest bridge, Kafka, the job on a MiniCluster and the S3
 * server to committed records: what a camera uploads is what an indexer reads.
 */
class BridgeEndToEndIT {
  @RegisterExtension
  static final LocalStackExtension STACK = new LocalStackExtension();

  private static final String USER = "camera-7";
  private static final String PASSWORD = "camera-7-secret";

  @TempDir
  Path work;

  @Test
  void ftpUploadsBecomeExactlyOneCommittedRecordEach() throws Exception {
    StackEndpoints endpoints = STACK.endpoints();
    S3Client s3 = STACK.s3();
    Path users = work.resolve("users.txt");
    UsersFile.addUser(users, USER, PASSWORD, null);
    BridgeConfig bridgeConfig = BridgeConfig.builder()
        .port(0)
        .usersFile(users)
        .objectStore(endpoints.objectStore())
        .bucket(endpoints.buckets().originals())
        .kafkaBootstrap(endpoints.kafkaBootstrap())
        .uploadsTopic(endpoints.topics().uploads())
        .bridgeInstance("bridge-it")
        .build();
    byte[] photo = TestImages.jpegWithOrientation(800, 600, 8);
    byte[] other = TestImages.jpeg(640, 480);
    byte[] notes = TestImages.textNamedJpg();

    try (LocalJobRunner job = LocalJobRunner.start(TestJobConfigs.forStack(endpoints, "bridge"), work.resolve("job"));
        IngestBridge bridge = IngestBridge.start(bridgeConfig)) {
      FTPClient ftp = login(bridge);
      try {
        store(ftp, "/holiday/photo.jpg", photo);
        store(ftp, "/holiday/photo-resent.jpg", photo);
        store(ftp, "/holiday/other.jpg", other);
        store(ftp, "/notes.jpg", notes);
      } finally {
        ftp.logout();
        ftp.disconnect();
      }
      await().atMost(Duration.ofMinutes(2)).until(() ->
          CommittedRecords.metadataRecords(endpoints, 2, Duration.ofSeconds(5)).size() >= 2
              && CommittedRecords.rejectRecords(endpoints, 1, Duration.ofSeconds(5)).size() >= 1);
    }

    List<ImageMetadata> metadata = CommittedRecords.allMetadata(endpoints);
    List<ImageReject> rejects = CommittedRecords.allRejects(endpoints);
    assertThat(metadata).extracting(ImageMetadata::imageId)
        .containsExactlyInAnyOrder(UploadDriver.sha256(photo), UploadDriver.sha256(other));
    assertThat(rejects).singleElement().satisfies(r -> {
      assertThat(r.reason()).isEqualTo(RejectReason.NOT_AN_IMAGE);
      assertThat(r.source().sourceId()).isEqualTo(USER);
      assertThat(r.source().originalPath()).isEqualTo("/notes.jpg");
    });
    for (ImageMetadata m : metadata) {
      assertThat(m.source().sourceId()).isEqualTo(USER);
      // The original the bridge stored and every rendition the job stored are readable.
      byte[] original = s3.getObjectAsBytes(b -> b.bucket(m.original().bucket()).key(m.original().key())).asByteArray();
      assertThat(UploadDriver.sha256(original)).isEqualTo(m.imageId());
      for (ImageMetadata.Rendition r : m.renditions()) {
        assertThat(s3.getObjectAsBytes(b -> b.bucket(r.bucket()).key(r.key())).asByteArray()).hasSize((int) r.bytes());
      }
    }
    ImageMetadata rotated = metadata.stream().filter(m -> m.imageId().equals(UploadDriver.sha256(photo))).findFirst().orElseThrow();
    assertThat(rotated.source().originalPath()).isEqualTo("/holiday/photo.jpg");
    assertThat(rotated.exif().orientation()).isEqualTo(8);
    assertThat(rotated.renditions().get(0)).extracting(ImageMetadata.Rendition::width, ImageMetadata.Rendition::height)
        .containsExactly(320, 240);
  }

  private static FTPClient login(IngestBridge bridge) throws IOException {
    FTPClient ftp = new FTPClient();
    ftp.setConnectTimeout(10_000);
    ftp.setDefaultTimeout(30_000);
    ftp.connect(bridge.host(), bridge.port());
    ftp.setSoTimeout(30_000);
    assertThat(ftp.login(USER, PASSWORD)).as(ftp.getReplyString()).isTrue();
    ftp.enterLocalPassiveMode();
    ftp.setFileType(FTP.BINARY_FILE_TYPE);
    return ftp;
  }

  private static void store(FTPClient ftp, String path, byte[] bytes) throws IOException {
    String dir = path.substring(0, path.lastIndexOf('/'));
    if (!dir.isEmpty()) {
      ftp.makeDirectory(dir);
    }
    assertThat(ftp.storeFile(path, new ByteArrayInputStream(bytes))).as("STOR %s: %s", path, ftp.getReplyString()).isTrue();
    assertThat(ftp.getReplyCode()).isEqualTo(226);
  }
}
