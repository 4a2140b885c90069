package io.imagestore.job.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imagestore.job.config.FaultInjection;
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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process operator fails mid-stream (the test-only fault hook), Flink restarts the job from
 * its last checkpoint — dedup state, source offsets and open Kafka transactions roll back
 * together — and the committed output is still exactly one record per unique upload.
 */
class FaultRecoveryIT {
  @RegisterExtension
  static final LocalStackExtension STACK = new LocalStackExtension();

  @TempDir
  Path work;

  @Test
  void failureMidStreamLosesAndDuplicatesNothing() throws Exception {
    JobConfig config = TestJobConfigs.forStack(STACK.endpoints(), "fault");
    assertExactAfterAFault(STACK, config, work);
  }

  /** Runs the scenario; also used with the other transaction naming strategy. */
  static void assertExactAfterAFault(LocalStackExtension stack, JobConfig base, Path work) throws Exception {
    StackEndpoints endpoints = stack.endpoints();
    JobConfig config = base.withFaultInjection(new FaultInjection(5));
    int unique = 30;
    List<String> hashes = new ArrayList<>();

    try (LocalJobRunner runner = LocalJobRunner.start(config, work);
        UploadDriver uploads = new UploadDriver(endpoints, stack.s3())) {
      for (int i = 0; i < unique; i++) {
        byte[] image = TestImages.jpeg(120 + i, 90);
        hashes.add(uploads.upload("camera-" + (i % 3), "/batch/img-" + i + ".jpg", image).sha256());
        if (i % 3 == 0) {
          uploads.upload("camera-9", "/resend/img-" + i + ".jpg", image);
        }
      }
      await().atMost(Duration.ofMinutes(3)).until(() ->
          CommittedRecords.metadataRecords(endpoints, unique, Duration.ofSeconds(5)).size() >= unique);
      assertThat(runner.lastFailure()).hasValueSatisfying(f -> assertThat(f).contains("injected fault"));
    }

    List<ImageMetadata> metadata = CommittedRecords.allMetadata(endpoints);
    assertThat(metadata).extracting(ImageMetadata::imageId)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(hashes);
    assertThat(CommittedRecords.allRejects(endpoints)).isEmpty();
  }
}
