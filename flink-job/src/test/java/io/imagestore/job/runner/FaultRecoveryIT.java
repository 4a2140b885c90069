package io.imagestore.job.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imagestore.job.config.JobConfig;
import io.imagestore.job.job.ImagestoreJob;
import io.imagestore.job.testing.FailOnceAfter;
import io.imagestore.job.testing.CommittedRecords;
import io.imagestore.job.testing.ConsumedUploads;
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
 * The process operator fails mid-stream (the test-only fault hook), after a checkpoint has
 * completed and committed output; Flink restarts the job from that checkpoint — dedup state,
 * source offsets and open Kafka transactions roll back together — and the committed output is
 * still exactly one record per unique upload.
 */
class FaultRecoveryIT {
  /** Unique uploads before the fault can fire; the rest come after the first commit. */
  private static final int FIRST_BATCH = 10;
  private static final int SECOND_BATCH = 20;

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
    // The injected operator counts the uploads each of the 2 subtasks handles before dedup: one
    // can get the whole first batch without failing, and a second batch larger than the first
    // makes one of them exceed it (2 x FIRST_BATCH + 1 uploads cannot split without one subtask
    // over FIRST_BATCH).
    JobConfig config = base;
    assertThat(config.parallelism()).isEqualTo(2);
    assertThat(SECOND_BATCH).isGreaterThan(FIRST_BATCH);
    List<String> hashes = new ArrayList<>();

    try (LocalJobRunner runner = LocalJobRunner.start(
            ImagestoreJob.withKafka(config).withOperatorBeforeDedup(new FailOnceAfter(FIRST_BATCH)), config, work);
        UploadDriver uploads = new UploadDriver(endpoints, stack.s3())) {
      for (int i = 0; i < FIRST_BATCH; i++) {
        hashes.add(upload(uploads, i));
      }
      // Committed records prove a checkpoint completed: the one the job must roll back to.
      await().atMost(Duration.ofMinutes(3)).until(() ->
          CommittedRecords.metadataRecords(endpoints, FIRST_BATCH, Duration.ofSeconds(5)).size() >= FIRST_BATCH);
      assertThat(runner.lastFailure()).as("no fault before the first batch was committed").isEmpty();

      for (int i = FIRST_BATCH; i < FIRST_BATCH + SECOND_BATCH; i++) {
        hashes.add(upload(uploads, i));
      }
      // Late re-sends of first-batch images: dropped whether read before the fault or replayed
      // after it, against the dedup state restored from the checkpoint.
      for (int i = 0; i < FIRST_BATCH; i += 3) {
        uploads.upload("camera-8", "/late-resend/img-" + i + ".jpg", image(i));
      }
      await().atMost(Duration.ofMinutes(3)).until(() ->
          runner.lastFailure().isPresent() && ConsumedUploads.all(endpoints, config));
      assertThat(runner.lastFailure()).hasValueSatisfying(f -> assertThat(f).contains("injected fault"));
    }

    List<ImageMetadata> metadata = CommittedRecords.allMetadata(endpoints);
    assertThat(metadata).extracting(ImageMetadata::imageId)
        .hasSize(FIRST_BATCH + SECOND_BATCH)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(hashes);
    assertThat(CommittedRecords.allRejects(endpoints)).isEmpty();
  }

  /** Uploads image {@code i}, every third one twice; returns its hash. */
  private static String upload(UploadDriver uploads, int i) {
    String sha = uploads.upload("camera-" + (i % 3), "/batch/img-" + i + ".jpg", image(i)).sha256();
    if (i % 3 == 0) {
      uploads.upload("camera-9", "/resend/img-" + i + ".jpg", image(i));
    }
    return sha;
  }

  private static byte[] image(int i) {
    return TestImages.jpeg(120 + i, 90);
  }
}
