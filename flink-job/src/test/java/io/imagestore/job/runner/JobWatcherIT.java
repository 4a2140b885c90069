package io.imagestore.job.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imagestore.job.config.JobConfig;
import io.imagestore.job.config.RestartSettings;
import io.imagestore.job.job.ImagestoreJob;
import io.imagestore.job.testing.FailEveryTimeOn;
import io.imagestore.job.testing.TestImages;
import io.imagestore.job.testing.TestJobConfigs;
import io.imagestore.job.testing.UploadDriver;
import io.imagestore.stack.LocalStackExtension;
import io.imagestore.stack.StackEndpoints;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job that fails on every attempt at one event, with a limited restart budget: the watcher
 * reports each failure once with the restart count, then that the job failed for good, naming
 * the cause — what {@code bin/imagestore local} prints instead of going quiet.
 */
class JobWatcherIT {
  @RegisterExtension
  static final LocalStackExtension STACK = new LocalStackExtension();

  @TempDir
  Path work;

  @Test
  void eachRestartAndTheFinalFailureAreReportedOnceWithTheirCause() throws Exception {
    StackEndpoints endpoints = STACK.endpoints();
    JobConfig config = TestJobConfigs.forStack(endpoints, "watcher")
        .withRestart(new RestartSettings(3, Duration.ofMillis(500)));
    List<JobFailure> restarts = new CopyOnWriteArrayList<>();
    List<Long> restartCounts = new CopyOnWriteArrayList<>();
    List<JobFailure> final_ = new CopyOnWriteArrayList<>();

    try (LocalJobRunner runner = LocalJobRunner.start(
            ImagestoreJob.withKafka(config).withOperatorBeforeDedup(new FailEveryTimeOn("/doomed.jpg")), config, work);
        JobWatcher watcher = JobWatcher.start(runner, Duration.ofMillis(200), new JobWatcher.Listener() {
          @Override
          public void restarting(JobFailure failure, long count) {
            restarts.add(failure);
            restartCounts.add(count);
          }

          @Override
          public void failedForGood(JobFailure lastFailure) {
            final_.add(lastFailure);
          }
        });
        UploadDriver uploads = new UploadDriver(endpoints, STACK.s3())) {
      uploads.upload("camera-1", "/doomed.jpg", TestImages.jpeg(120, 80));

      await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(final_)
          .as("the final failure is reported; restarts reported so far: %s", restarts).hasSize(1));
      assertThat(runner.status()).isEqualTo(JobStatus.FAILED);
    }

    assertThat(final_.get(0).cause()).contains(FailEveryTimeOn.MESSAGE + " /doomed.jpg");
    assertThat(restarts).as("every failure that was followed by a restart, once each")
        .isNotEmpty().hasSizeLessThanOrEqualTo(3)
        .allSatisfy(f -> assertThat(f.cause()).contains(FailEveryTimeOn.MESSAGE))
        .extracting(JobFailure::at).doesNotHaveDuplicates().isSorted();
    assertThat(restarts).allSatisfy(f -> assertThat(f.task()).contains("before dedup"));
    assertThat(restartCounts).as("numbered as they happen").isEqualTo(
        java.util.stream.LongStream.rangeClosed(1, restarts.size()).boxed().toList());
    assertThat(final_.get(0).at()).isAfter(restarts.get(restarts.size() - 1).at());
  }
}
