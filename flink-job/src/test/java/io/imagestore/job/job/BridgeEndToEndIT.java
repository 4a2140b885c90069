package io.imagestore.job.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imagestore.bridge.BridgeConfig;
import io.imagestore.bridge.IngestBridge;
import io.imagestore.bridge.UsersFile;
import io.imagestore.job.config.JobConfig;
import io.imagestore.job.runner.LocalJobRunner;
import io.imagestore.job.testing.CommittedRecords;
import io.imagestore.job.testing.ConsumedUploads;
import io.imagestore.job.testing.Pixels;
import io.imagestore.job.testing.StoredRenditions;
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
    byte[] cmyk = TestImages.cmykJpeg(400, 300);
    byte[] alpha = TestImages.pngWithAlpha(300, 200);
    byte[] truncated = TestImages.truncated(TestImages.jpeg(800, 600));
    byte[] empty = TestImages.empty();
    byte[] bomb = TestImages.pngBomb(30000, 30000);

    JobConfig config = TestJobConfigs.forStack(endpoints, "bridge");
    try (LocalJobRunner job = LocalJobRunner.start(config, work.resolve("job"));
        IngestBridge bridge = IngestBridge.start(bridgeConfig)) {
      FTPClient ftp = login(bridge);
      try {
        store(ftp, "/holiday/photo.jpg", photo);
        store(ftp, "/holiday/photo-resent.jpg", photo);
        store(ftp, "/holiday/other.jpg", other);
        store(ftp, "/notes.jpg", notes);
        store(ftp, "/print/cmyk.jpg", cmyk);
        store(ftp, "/web/logo.png", alpha);
        store(ftp, "/holiday/cut.jpg", truncated);
        store(ftp, "/holiday/zero.jpg", empty);
        store(ftp, "/bomb.png", bomb);
        // Re-sends of a good and of a bad file: deduplicated like any other content.
        store(ftp, "/print/cmyk-again.jpg", cmyk);
        store(ftp, "/holiday/cut-again.jpg", truncated);
      } finally {
        ftp.logout();
        ftp.disconnect();
      }
      // The bridge answers 226 only once the event is in Kafka, so every event is there now. The
      // re-sends come last: wait until the job has consumed them too, on every partition.
      await().atMost(Duration.ofMinutes(2)).until(() -> ConsumedUploads.all(endpoints, config));
    }
    // Stopped with a savepoint after consuming everything: the counts below are final.

    List<ImageMetadata> metadata = CommittedRecords.allMetadata(endpoints);
    List<ImageReject> rejects = CommittedRecords.allRejects(endpoints);
    assertThat(metadata).extracting(ImageMetadata::imageId).containsExactlyInAnyOrder(
        UploadDriver.sha256(photo), UploadDriver.sha256(other), UploadDriver.sha256(cmyk), UploadDriver.sha256(alpha));
    assertThat(rejects).allSatisfy(r -> assertThat(r.source().sourceId()).isEqualTo(USER))
        .extracting(r -> r.source().originalPath(), ImageReject::reason)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("/notes.jpg", RejectReason.NOT_AN_IMAGE),
            org.assertj.core.groups.Tuple.tuple("/holiday/cut.jpg", RejectReason.TRUNCATED),
            org.assertj.core.groups.Tuple.tuple("/holiday/zero.jpg", RejectReason.EMPTY_FILE),
            org.assertj.core.groups.Tuple.tuple("/bomb.png", RejectReason.TOO_MANY_PIXELS));
    for (ImageReject r : rejects) {
      // The original of a reject is kept.
      assertThat(s3.headObject(b -> b.bucket(r.original().bucket()).key(r.original().key())).contentLength())
          .isEqualTo(r.original().size());
    }
    for (ImageMetadata m : metadata) {
      assertThat(m.source().sourceId()).isEqualTo(USER);
      // The original the bridge stored and every rendition the job stored are readable.
      byte[] original = s3.getObjectAsBytes(b -> b.bucket(m.original().bucket()).key(m.original().key())).asByteArray();
      assertThat(UploadDriver.sha256(original)).isEqualTo(m.imageId());
      assertThat(StoredRenditions.fetch(s3, m)).containsOnlyKeys("thumb", "preview");
    }
    ImageMetadata rotated = metadata.stream().filter(m -> m.imageId().equals(UploadDriver.sha256(photo))).findFirst().orElseThrow();
    assertThat(rotated.source().originalPath()).isEqualTo("/holiday/photo.jpg");
    assertThat(rotated.exif().orientation()).isEqualTo(8);
    assertThat(rotated.renditions().get(0)).extracting(ImageMetadata.Rendition::width, ImageMetadata.Rendition::height)
        .containsExactly(320, 240);
    // Stored turned (600x800) with orientation 8: every rendition shows the scene upright.
    StoredRenditions.fetch(s3, rotated).values().forEach(Pixels::assertUprightQuadrants);
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
