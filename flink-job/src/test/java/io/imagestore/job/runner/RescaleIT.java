package io.imagestore.job.runner;

import static io.imagestore.job.testing.CommittedRecords.allMetadata;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imagestore.job.config.JobConfig;
import io.imagestore.job.config.StateSettings;
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
 * The production state backend (RocksDB, incremental checkpoints) through a rescale: stopped with
 * a savepoint at parallelism 2, resumed at 3, then at 1. The dedup state follows its key groups to
 * the new subtasks, so bytes seen before any rescale are still duplicates after it, and every
 * unique upload has exactly one committed record.
 */
class RescaleIT {
  @RegisterExtension
  static final LocalStackExtension STACK = new LocalStackExtension();

  @TempDir
  Path work;

  @Test
  void dedupStateSurvivesRescalingFromTwoToThreeToOne() throws Exception {
    StackEndpoints endpoints = STACK.endpoints();
    JobConfig base = TestJobConfigs.forStack(endpoints, "rescale").withState(StateSettings.defaults());
    List<byte[]> images = new ArrayList<>();
    List<String> unique = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      images.add(TestImages.jpeg(100 + i, 60 + i));
    }

    // Parallelism 2: six unique images.
    runAt(base.withParallelism(2), endpoints, unique, images.subList(0, 6), List.of(), false);
    // Parallelism 3: the six again (duplicates), three new.
    runAt(base.withParallelism(3), endpoints, unique, images.subList(6, 9), images.subList(0, 6), true);
    // Parallelism 1: all nine again, none new.
    runAt(base.withParallelism(1), endpoints, unique, List.of(), images, true);

    assertThat(allMetadata(endpoints)).extracting(ImageMetadata::imageId)
        .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(unique);
  }

  private void runAt(JobConfig config, StackEndpoints endpoints, List<String> unique, List<byte[]> fresh,
      List<byte[]> again, boolean expectRestore) throws Exception {
    Path dir = work.resolve("p" + config.parallelism());
    try (LocalJobRunner runner = LocalJobRunner.start(config, dir);
        UploadDriver uploads = new UploadDriver(endpoints, STACK.s3())) {
      assertThat(runner.restoredFrom().isPresent()).as("restored at parallelism %d", config.parallelism())
          .isEqualTo(expectRestore);
      assertThat(new CheckpointStats(runner.restAddress(), runner.jobId()).stateBackend())
          .isEqualTo("EmbeddedRocksDBStateBackend");
      for (byte[] image : again) {
        uploads.upload("camera-1", "/again-" + config.parallelism() + "-" + unique.size() + ".jpg", image);
      }
      for (byte[] image : fresh) {
        unique.add(uploads.upload("camera-1", "/new-" + unique.size() + ".jpg", image).sha256());
      }
      int expected = unique.size();
      await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
        int records = allMetadata(endpoints).size();
        boolean consumed = ConsumedUploads.all(endpoints, config);
        assertThat(consumed && records >= expected)
            .as("at parallelism %d: every event consumed and %d records; now consumed=%s records=%d",
                config.parallelism(), expected, consumed, records)
            .isTrue();
      });
    }
  }
}
