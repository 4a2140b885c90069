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
import io.imagestore.schemas.ContractCodec;
import io.imagestore.schemas.ImageMetadata;
import io.imagestore.schemas.ImageReject;
import io.imagestore.schemas.RejectReason;
import io.imagestore.schemas.UploadEvent;
import io.imagestore.stack.LocalStackExtension;
import io.imagestore.stack.StackEndpoints;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs that used to stop or poison the stream, through the whole job: a PNG text-chunk bomb,
 * events that name a foreign bucket or an over-long key, and an original that is missing at
 * first and uploaded again later. None may fail the job; each gets exactly its one record.
 */
class PoisonPillsIT {
  @RegisterExtension
  static final LocalStackExtension STACK = new LocalStackExtension();

  @TempDir
  Path work;

  @Test
  void poisonPillsNeverStopTheStreamAndAMissingOriginalIsNotFinal() throws Exception {
    StackEndpoints endpoints = STACK.endpoints();
    JobConfig config = TestJobConfigs.forStack(endpoints, "poison");
    byte[] bomb = TestImages.pngTextBomb(300, 200, 4 << 20);
    byte[] late = TestImages.jpeg(400, 300);
    byte[] after = TestImages.jpeg(500, 300);

    UploadEvent lateEvent;
    try (LocalJobRunner runner = LocalJobRunner.start(config, work);
        UploadDriver uploads = new UploadDriver(endpoints, STACK.s3())) {
      uploads.upload("camera-1", "/bomb.png", bomb);
      UploadEvent foreign = uploads.eventFor("camera-1", "/foreign.jpg", after);
      uploads.sendRaw(foreign.sha256(), ContractCodec.shared().write(withLocation(foreign, "other-tenant", foreign.objectKey())));
      uploads.sendRaw(foreign.sha256(), ContractCodec.shared().write(
          withLocation(foreign, foreign.bucket(), foreign.objectKey() + "/" + "k".repeat(1100))));
      lateEvent = uploads.announceOnly("camera-2", "/late.jpg", late);
      await().atMost(Duration.ofMinutes(2)).until(() -> allRejects(endpoints).size() >= 3);

      uploads.upload("camera-2", "/late.jpg", late);
      uploads.upload("camera-2", "/after.jpg", after);
      await().atMost(Duration.ofMinutes(2)).until(() -> ConsumedUploads.all(endpoints, config));
      assertThat(runner.lastFailure()).as("the job never failed").isEmpty();
    }

    List<ImageReject> rejects = allRejects(endpoints);
    assertThat(rejects).extracting(ImageReject::reason).containsExactlyInAnyOrder(
        RejectReason.MALFORMED_EVENT, RejectReason.MALFORMED_EVENT, RejectReason.ORIGINAL_MISSING);
    assertThat(rejects).filteredOn(r -> r.reason() == RejectReason.MALFORMED_EVENT).extracting(ImageReject::message)
        .anySatisfy(m -> assertThat(m).contains("'other-tenant'"))
        .anySatisfy(m -> assertThat(m).contains("characters)"));
    // The bomb's pixels are fine: without its text chunk ever inflated it is an image.
    assertThat(allMetadata(endpoints)).extracting(ImageMetadata::imageId).containsExactlyInAnyOrder(
        UploadDriver.sha256(bomb), lateEvent.sha256(), UploadDriver.sha256(after));
  }

  private static UploadEvent withLocation(UploadEvent e, String bucket, String key) {
    return UploadEvent.of(e.eventId(), e.sourceId(), e.originalPath(), bucket, key, e.size(), e.sha256(),
        e.contentType(), e.receivedAt(), e.bridgeInstance());
  }
}
