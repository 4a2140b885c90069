package io.imagestore.job.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imagestore.job.config.JobConfig;
import io.imagestore.job.job.ImagestoreJob;
import io.imagestore.job.testing.CommittedRecords;
import io.imagestore.job.testing.ConsumedUploads;
import io.imagestore.job.testing.FailOnCheckpointComplete;
import io.imagestore.job.testing.TestImages;
import io.imagestore.job.testing.TestJobConfigs;
import io.imagestore.job.testing.UploadDriver;
import io.imagestore.schemas.ImageMetadata;
import io.imagestore.stack.LocalStackExtension;
import io.imagestore.stack.StackEndpoints;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failure after a checkpoint's snapshot, when its completion is notified — before or while the
 * sinks commit the transactions it covers: after recovery, exactly one record per unique upload.
 */
class CommitWindowFaultIT {
  private static final int BATCH = 8;

  @RegisterExtension
  static final LocalStackExtension STACK = new LocalStackExtension();

  @TempDir
  Path work;

  @Test
  void aFailureBetweenSnapshotAndCommitLosesAndRepeatsNothing() throws Exception {
    StackEndpoints endpoints = STACK.endpoints();
    JobConfig config = TestJobConfigs.forStack(endpoints, "commit-window");
    List<String> hashes = new ArrayList<>();

    try (LocalJobRunner runner = LocalJobRunner.start(
            ImagestoreJob.withKafka(config).withOperatorBeforeDedup(new FailOnCheckpointComplete(BATCH / 2)), config, work);
        UploadDriver uploads = new UploadDriver(endpoints, STACK.s3())) {
      for (int i = 0; i < BATCH; i++) {
        hashes.add(uploads.upload("camera-1", "/first/" + i + ".jpg", TestImages.jpeg(130 + i, 70)).sha256());
      }
      await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
          .untilAsserted(() -> assertThat(runner.lastFailure()).as("the fault fired")
              .hasValueSatisfying(f -> assertThat(f).contains(FailOnCheckpointComplete.MESSAGE)));
      for (int i = 0; i < BATCH; i++) {
        hashes.add(uploads.upload("camera-1", "/second/" + i + ".jpg", TestImages.jpeg(140 + i, 75)).sha256());
        uploads.upload("camera-2", "/resend/" + i + ".jpg", TestImages.jpeg(130 + i, 70));
      }
      await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
        int records = CommittedRecords.allMetadata(endpoints).size();
        boolean consumed = ConsumedUploads.all(endpoints, config);
        assertThat(consumed && records >= hashes.size())
            .as("every event consumed and %d records; now consumed=%s records=%d", hashes.size(), consumed, records)
            .isTrue();
      });
    }

    assertThat(CommittedRecords.allMetadata(endpoints)).extracting(ImageMetadata::imageId)
        .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(hashes);
    assertThat(CommittedRecords.allRejects(endpoints)).isEmpty();
  }
}
