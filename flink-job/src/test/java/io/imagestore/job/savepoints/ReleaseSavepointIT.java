package io.imagestore.job.savepoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imagestore.job.config.JobConfig;
import io.imagestore.job.config.StateSettings;
import io.imagestore.job.job.ImagestoreJob;
import io.imagestore.job.runner.CheckpointStats;
import io.imagestore.job.runner.LocalJobRunner;
import io.imagestore.job.testing.CommittedRecords;
import io.imagestore.job.testing.ConsumedUploads;
import io.imagestore.job.testing.TestImages;
import io.imagestore.job.testing.UploadDriver;
import io.imagestore.objectstore.S3Clients;
import io.imagestore.schemas.ImageMetadata;
import io.imagestore.schemas.ImageReject;
import io.imagestore.stack.LocalStack;
import io.imagestore.stack.StackEndpoints;
import io.imagestore.stack.StackSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Every committed release savepoint restores into the job as built now, on the production state
 * backend (RocksDB, what an upgrade restores into), without {@code --allow-non-restored-state}:
 * state of a uid the job no longer has fails the start. That the savepoints are canonical, and so
 * restore on the heap backend as well, {@link ReleaseSavepointUidsTest} checks from their metadata
 * (a second full run per release would double this test's time for the same code path).
 *
 * <p>On a fresh embedded stack the uploads topic gets the savepoint's partitions, each filled up
 * to the savepoint's offset with uploads the savepoint never saw (stored, so each would give a
 * record if read). Then, after the restore, every upload in the savepoint's dedup state is sent
 * again, and one new upload per partition. Committed output (read_committed) must be exactly the
 * new uploads' records: a re-sent upload with a record means the dedup state was lost; a filler
 * with a record means the source did not resume at its offsets.
 *
 * <p>Each release gets a stack of its own, started here rather than by {@code LocalStackExtension}
 * (one stack per class): its topic must start empty and its consumer group unknown, or the
 * offsets would not line up. The savepoint is read from the local folder, so the object store
 * plays no part in what is tested; with {@code -Pceph} this test still runs on the embedded one.
 */
class ReleaseSavepointIT {
  /**
   * The dedup TTL runs in processing time from the write in the savepoint: at the default 30 days
   * this committed savepoint's entries would expire a month after it was taken. An upgrade
   * restores a fresh savepoint; this one ages, so the test gives it a TTL that outlives it.
   */
  private static final Duration TTL_LONGER_THAN_THE_SAVEPOINT_IS_OLD = Duration.ofDays(365L * 100);
  private static final Duration PROCESSING_TIMEOUT = Duration.ofMinutes(2);

  @TempDir
  Path work;

  static Stream<String> releases() {
    return ReleaseSavepoints.releases().stream().map(release -> release.getFileName().toString());
  }

  @ParameterizedTest(name = "savepoint {0}")
  @MethodSource("releases")
  void dedupStateAndSourceOffsetsSurviveTheUpgrade(String release) throws Exception {
    Path savepoint = ReleaseSavepoints.folder().resolve(release);
    SavepointManifest saved = SavepointManifest.read(savepoint);
    StackSettings settings = StackSettings.ephemeral(work.resolve("stack")).withPartitions(saved.partitions());
    try (LocalStack stack = LocalStack.start(settings);
        S3Client s3 = S3Clients.create(stack.endpoints().objectStore(), 2);
        UploadDriver uploads = new UploadDriver(stack.endpoints(), s3)) {
      StackEndpoints endpoints = stack.endpoints();
      assertThat(endpoints.topics().uploads()).as("the topic the savepoint's source state names")
          .isEqualTo(saved.uploadsTopic());
      BrokerAtSavepoint broker = BrokerAtSavepoint.lineUp(endpoints, uploads, saved);

      JobConfig config = configFor(endpoints, saved);
      List<String> fresh = new ArrayList<>();
      try (LocalJobRunner job = LocalJobRunner.startFromSavepoint(ImagestoreJob.withKafka(config), config,
          work.resolve("job"), savepoint.toUri().toString())) {
        assertThat(job.restoredFrom()).hasValue(savepoint.toUri().toString());
        assertThat(new CheckpointStats(job.restAddress(), job.jobId()).stateBackend())
            .isEqualTo("EmbeddedRocksDBStateBackend");
        int i = 0;
        for (SavepointManifest.SeenUpload seen : saved.uploads()) {
          byte[] bytes = Files.readAllBytes(savepoint.resolve(seen.file()));
          uploads.uploadAt("camera-after-upgrade", "/again/" + seen.file(), bytes, i++ % saved.partitions());
        }
        for (int p = 0; p < saved.partitions(); p++) {
          byte[] image = TestImages.jpeg(120 + p, 90);
          uploads.uploadAt("camera-after-upgrade", "/new/" + p + ".jpg", image, p);
          fresh.add(UploadDriver.sha256(image));
        }
        awaitConsumed(endpoints, config, fresh.size());
      } // stop-with-savepoint: the last transactions commit

      List<String> images = CommittedRecords.allMetadata(endpoints).stream().map(ImageMetadata::imageId).toList();
      List<ImageReject> rejects = CommittedRecords.allRejects(endpoints);
      assertThat(images).as("uploads seen before the savepoint are still duplicates (dedup state restored)")
          .doesNotContainAnyElementsOf(saved.uploads().stream().map(SavepointManifest.SeenUpload::sha256).toList());
      assertThat(images).as("events before the savepoint's offsets are not read again (source offsets restored)")
          .doesNotContainAnyElementsOf(broker.fillerSha256s());
      assertThat(images).as("each new upload after the restore has its one record")
          .containsExactlyInAnyOrderElementsOf(fresh);
      assertThat(rejects).as("no rejects: the re-sent non-image is a duplicate too").isEmpty();
    }
  }

  /**
   * The job as built now with the current production state settings (RocksDB, incremental, max
   * parallelism), under the
   * savepoint's consumer group and transactional id prefix — a deployment keeps its prefix across
   * an upgrade, so the restored sink state and the new writers agree on their transactional ids.
   */
  private static JobConfig configFor(StackEndpoints endpoints, SavepointManifest saved) {
    JobConfig base = ReleaseSavepoints.jobConfig(endpoints);
    return base
        .withKafka(base.kafka()
            .withConsumerGroup(saved.consumerGroup())
            .withTransactionalIdPrefix(saved.transactionalIdPrefix()))
        .withState(StateSettings.defaults())
        .withDedupTtl(TTL_LONGER_THAN_THE_SAVEPOINT_IS_OLD);
  }

  /** Until every event is consumed (so its checkpoint, and the records it emitted, completed). */
  private static void awaitConsumed(StackEndpoints endpoints, JobConfig config, int newRecords) {
    await().atMost(PROCESSING_TIMEOUT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      int records = CommittedRecords.metadataRecords(endpoints, newRecords, Duration.ofSeconds(1)).size();
      boolean consumed = ConsumedUploads.all(endpoints, config);
      assertThat(consumed && records >= newRecords)
          .as("every event consumed and %d new records committed; now consumed=%s records=%d", newRecords, consumed,
              records)
          .isTrue();
    });
  }
}
