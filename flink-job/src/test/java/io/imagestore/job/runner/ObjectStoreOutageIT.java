package io.imagestore.job.runner;

import static io.imagestore.job.testing.CommittedRecords.allMetadata;
import static io.imagestore.job.testing.CommittedRecords.allRejects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imagestore.job.config.JobConfig;
import io.imagestore.job.testing.ConsumedUploads;
import io.imagestore.job.testing.TestImages;
import io.imagestore.job.testing.TestJobConfigs;
import io.imagestore.job.testing.UploadDriver;
import io.imagestore.schemas.ImageMetadata;
import io.imagestore.schemas.UploadEvent;
import io.imagestore.stack.LocalStackExtension;
import io.imagestore.stack.StackEndpoints;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The object store goes away while events keep coming (originals, renditions and the job's own
 * checkpoints all live there): the job fails and restarts with backoff for as long as it lasts,
 * turns none of it into rejects, and once the store is back finishes everything by itself — one
 * record per upload, none lost. The outage lasts {@code imagestore.test.s3OutageSeconds} (60).
 */
class ObjectStoreOutageIT {
  private static final Duration OUTAGE =
      Duration.ofSeconds(Long.getLong("imagestore.test.s3OutageSeconds", 60));

  @RegisterExtension
  static final LocalStackExtension STACK = new LocalStackExtension();

  @TempDir
  Path work;

  @Test
  void anOutageOfTheStoreIsWaitedOutWithoutRejectsOrLoss() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(STACK.stack().hasEmbeddedObjectStore(),
        "needs an object store this test can stop");
    StackEndpoints endpoints = STACK.endpoints();
    JobConfig config = TestJobConfigs.forStack(endpoints, "outage");
    List<String> expected = new ArrayList<>();

    try (LocalJobRunner runner = LocalJobRunner.start(config, work);
        UploadDriver uploads = new UploadDriver(endpoints, STACK.s3())) {
      for (int i = 0; i < 4; i++) {
        expected.add(uploads.upload("camera-1", "/before-" + i + ".jpg", TestImages.jpeg(150 + i, 90)).sha256());
      }
      awaitAll(endpoints, config, expected, runner, Duration.ofMinutes(2));

      // Stored while the store is up, announced while it is down: the bridge's order, with the
      // event published just before the store went away.
      List<UploadEvent> during = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        byte[] image = TestImages.jpeg(160 + i, 100);
        UploadEvent event = uploads.eventFor("camera-1", "/during-" + i + ".jpg", image);
        STACK.s3().putObject(b -> b.bucket(event.bucket()).key(event.objectKey()), RequestBody.fromBytes(image));
        during.add(event);
      }
      STACK.stack().s3().close();
      try {
        for (UploadEvent event : during) {
          uploads.sendRaw(event.sha256(), io.imagestore.schemas.ContractCodec.shared().write(event));
          expected.add(event.sha256());
        }
        // Not asking the JobManager meanwhile: its s3p:// checkpoint storage is down too, and it
        // may not answer within a bounded wait until the store is back.
        Thread.sleep(OUTAGE.toMillis());
      } finally {
        STACK.stack().s3().start();
      }
      for (int i = 0; i < 3; i++) {
        expected.add(uploads.upload("camera-1", "/after-" + i + ".jpg", TestImages.jpeg(170 + i, 110)).sha256());
      }
      awaitAll(endpoints, config, expected, runner, Duration.ofMinutes(3));
      assertThat(runner.lastFailure()).as("the job noticed the outage").isPresent();
    }

    assertThat(allRejects(endpoints)).as("an outage is not the images' fault").isEmpty();
    assertThat(allMetadata(endpoints)).extracting(ImageMetadata::imageId)
        .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
  }

  private static void awaitAll(StackEndpoints endpoints, JobConfig config, List<String> expected,
      LocalJobRunner runner, Duration max) {
    await().atMost(max).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
      int records = allMetadata(endpoints).size();
      boolean consumed = ConsumedUploads.all(endpoints, config);
      assertThat(consumed && records >= expected.size())
          .as("every event consumed and %d records; now consumed=%s records=%d job=%s", expected.size(), consumed,
              records, runner.status())
          .isTrue();
    });
  }
}
