package io.imagestore.job.processing;

import static io.imagestore.job.testing.CommittedRecords.allMetadata;
import static io.imagestore.job.testing.CommittedRecords.allRejects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imagestore.job.config.JobConfig;
import io.imagestore.job.runner.LocalJobRunner;
import io.imagestore.job.testing.ConsumedUploads;
import io.imagestore.job.testing.TestImages;
import io.imagestore.job.testing.TestJobConfigs;
import io.imagestore.job.testing.UploadDriver;
import io.imagestore.schemas.ImageMetadata;
import io.imagestore.schemas.ImageReject;
import io.imagestore.schemas.RejectReason;
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
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * One file whose processing fails its task every time, in the middle of processing: the upload
 * is rejected after {@code processing.maxAttempts} attempts and every other upload gets its record.
 */
class AttemptBreakerIT {
  @RegisterExtension
  static final LocalStackExtension STACK = new LocalStackExtension();

  @TempDir
  Path work;

  @Test
  void aFileThatFailsItsTaskEveryTimeIsRejectedAfterMaxAttempts() throws Exception {
    // The fault below needs a filesystem-backed store; RGW keeps "a" and "a/b" side by side.
    org.junit.jupiter.api.Assumptions.assumeTrue(STACK.stack().hasEmbeddedObjectStore(),
        "needs the embedded, filesystem-backed object store");
    StackEndpoints endpoints = STACK.endpoints();
    JobConfig config = TestJobConfigs.forStack(endpoints, "breaker");
    assertThat(config.processing().maxAttempts()).isEqualTo(3);
    assertThat(config.restart().unlimited() || config.restart().attempts() >= 3).as("restarts allowed").isTrue();
    byte[] killer = TestImages.jpeg(333, 222);
    String killerSha = UploadDriver.sha256(killer);
    // An object where the killer's renditions folder would be: in the filesystem-backed store
    // every rendition PUT for these bytes fails (after decoding, after the attempt marker), so
    // the task fails at the same point each time, as a crash inside processing would.
    STACK.s3().putObject(b -> b.bucket(endpoints.buckets().renditions())
        .key("renditions/" + killerSha.substring(0, 2) + "/" + killerSha), RequestBody.fromString("in the way"));

    List<String> good = new ArrayList<>();
    try (LocalJobRunner runner = LocalJobRunner.start(config, work);
        UploadDriver uploads = new UploadDriver(endpoints, STACK.s3())) {
      for (int i = 0; i < 3; i++) {
        good.add(uploads.upload("camera-1", "/before-" + i + ".jpg", TestImages.jpeg(200 + i, 100)).sha256());
      }
      uploads.upload("camera-1", "/killer.jpg", killer);
      for (int i = 0; i < 3; i++) {
        good.add(uploads.upload("camera-1", "/after-" + i + ".jpg", TestImages.jpeg(300 + i, 100)).sha256());
      }
      await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
        int rejects = allRejects(endpoints).size();
        int records = allMetadata(endpoints).size();
        boolean consumed = ConsumedUploads.all(endpoints, config);
        assertThat(rejects > 0 && consumed && records >= good.size())
            .as("the killer's reject, every event consumed and %d records; now: rejects=%d records=%d consumed=%s"
                    + " job=%s attempt marker=%s last failure=%s", good.size(), rejects, records, consumed,
                runner.status(), marker(endpoints, killerSha), runner.lastFailure().map(AttemptBreakerIT::firstLine))
            .isTrue();
      });
      assertThat(runner.lastFailure()).as("the killer failed the task").isPresent();
    }

    List<ImageReject> rejects = allRejects(endpoints);
    assertThat(rejects).singleElement().satisfies(r -> {
      assertThat(r.reason()).isEqualTo(RejectReason.PROCESSING_FAILED);
      assertThat(r.imageId()).isEqualTo(killerSha);
      assertThat(r.message()).startsWith("gave up after 3 attempts");
    });
    assertThat(marker(endpoints, killerSha)).as("the marker is kept after a give-up").startsWith("3 ");
    assertThat(allMetadata(endpoints)).extracting(ImageMetadata::imageId)
        .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(good);
  }

  private static String marker(StackEndpoints endpoints, String sha) {
    try {
      return STACK.s3().getObjectAsBytes(b -> b.bucket(endpoints.buckets().state())
          .key("processing-attempts/" + sha.substring(0, 2) + "/" + sha)).asUtf8String();
    } catch (NoSuchKeyException e) {
      return "none";
    }
  }

  private static String firstLine(String text) {
    int end = text.indexOf('\n');
    return end < 0 ? text : text.substring(0, end);
  }
}
