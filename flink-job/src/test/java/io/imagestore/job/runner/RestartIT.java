package io.imagestore.job.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imagestore.job.config.JobConfig;
import io.imagestore.job.testing.CommittedRecords;
import io.imagestore.job.testing.TestImages;
import io.imagestore.job.testing.TestJobConfigs;
import io.imagestore.job.testing.UploadDriver;
import io.imagestore.schemas.ImageMetadata;
import io.imagestore.stack.LocalStackExtension;
import io.imagestore.stack.StackEndpoints;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new {@link LocalJobRunner} on the same state continues the old one's dedup state — after a
 * graceful {@link LocalJobRunner#close()} (savepoint) and after an abrupt stop (checkpoints only).
 */
class RestartIT {
  @RegisterExtension
  static final LocalStackExtension STACK = new LocalStackExtension();

  @TempDir
  Path work;

  @Test
  void reuploadAfterRestartYieldsNoSecondRecord() throws Exception {
    StackEndpoints endpoints = STACK.endpoints();
    JobConfig config = TestJobConfigs.forStack(endpoints, "restart");
    byte[] first = TestImages.jpeg(200, 150);
    byte[] second = TestImages.jpeg(210, 150);
    byte[] third = TestImages.jpeg(220, 150);
    byte[] fourth = TestImages.jpeg(230, 150);
    byte[] fifth = TestImages.jpeg(240, 150);

    try (UploadDriver uploads = new UploadDriver(endpoints, STACK.s3())) {
      try (LocalJobRunner runner = LocalJobRunner.start(config, work.resolve("run-1"))) {
        assertThat(runner.restoredFrom()).isEmpty();
        uploads.upload("camera-1", "/a.jpg", first);
        uploads.upload("camera-1", "/b.jpg", second);
        awaitCommitted(endpoints, 2);
      }

      try (LocalJobRunner runner = LocalJobRunner.start(config, work.resolve("run-2"))) {
        assertThat(runner.restoredFrom()).hasValueSatisfying(p -> assertThat(p).contains("/savepoints/savepoint-"));
        int partition = uploads.uploadAt("camera-2", "/again/a.jpg", first, null);
        // The marker goes to the re-upload's partition, after it: once the marker's record is
        // committed, the checkpoint that committed it covered the re-upload too.
        uploads.uploadAt("camera-1", "/c.jpg", third, partition);
        awaitCommitted(endpoints, 3);
        uploads.upload("camera-1", "/d.jpg", fourth);
        awaitCommitted(endpoints, 4);
        // d.jpg's record is committed only once a checkpoint holding its dedup entry has
        // completed; an abrupt stop now leaves that checkpoint (and no savepoint) behind.
        runner.halt();
      }

      try (LocalJobRunner runner = LocalJobRunner.start(config, work.resolve("run-3"))) {
        assertThat(runner.restoredFrom()).hasValueSatisfying(p -> assertThat(p).contains("/checkpoints/").contains("chk-"));
        int partition = uploads.uploadAt("camera-2", "/again/d.jpg", fourth, null);
        uploads.uploadAt("camera-1", "/e.jpg", fifth, partition);
        awaitCommitted(endpoints, 5);
      }
    }

    List<ImageMetadata> metadata = CommittedRecords.allMetadata(endpoints);
    assertThat(metadata).extracting(ImageMetadata::imageId)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrder(UploadDriver.sha256(first), UploadDriver.sha256(second),
            UploadDriver.sha256(third), UploadDriver.sha256(fourth), UploadDriver.sha256(fifth));
  }

  private static void awaitCommitted(StackEndpoints endpoints, int count) {
    await().atMost(Duration.ofMinutes(2)).until(() ->
        CommittedRecords.metadataRecords(endpoints, count, Duration.ofSeconds(5)).size() >= count);
  }
}
