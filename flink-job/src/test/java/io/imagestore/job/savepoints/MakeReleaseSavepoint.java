package io.imagestore.job.savepoints;

import io.imagestore.job.config.JobConfig;
import io.imagestore.job.config.StateSettings;
import io.imagestore.job.records.JobVersion;
import io.imagestore.job.runner.LocalJobRunner;
import io.imagestore.job.testing.CommittedRecords;
import io.imagestore.job.testing.ConsumedUploads;
import io.imagestore.job.testing.UploadDriver;
import io.imagestore.objectstore.S3Clients;
import io.imagestore.schemas.ImageMetadata;
import io.imagestore.schemas.ImageReject;
import io.imagestore.stack.LocalFiles;
import io.imagestore.stack.LocalStack;
import io.imagestore.stack.StackEndpoints;
import io.imagestore.stack.StackSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.runtime.util.EnvironmentInformation;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Takes the savepoint of the release being built, as {@code savepoints/make-savepoint.sh} runs it:
 * the job as built now on a fresh embedded stack (in-process Kafka, S3 server) with the
 * production state backend (RocksDB, incremental), the fixed {@link ReleaseInput}, a wait until
 * every event is consumed and every record committed, then stop-with-savepoint in the canonical
 * format. Writes into {@code savepoints/<release>/}: the savepoint files, the uploaded files
 * ({@code uploads/}), {@code savepoint.json} and {@code README.md}.
 *
 * <p>Usage: {@code MakeReleaseSavepoint <savepoints-dir>}. Refuses to overwrite a release that
 * already has a savepoint: a committed savepoint is what deployments of that release hold.
 */
public final class MakeReleaseSavepoint {
  private static final Duration PROCESSING_TIMEOUT = Duration.ofMinutes(3);

  private MakeReleaseSavepoint() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: MakeReleaseSavepoint <savepoints-dir>");
      System.exit(2);
    }
    String jobVersion = JobVersion.current();
    Path releaseDir = Path.of(args[0]).toAbsolutePath().resolve(ReleaseSavepoints.release(jobVersion));
    if (Files.exists(releaseDir.resolve("_metadata"))) {
      System.err.println(releaseDir + " already holds a savepoint; a release's savepoint is never replaced"
          + " (remove the folder first to take it again before the release is out)");
      System.exit(1);
    }
    Path work = Files.createTempDirectory("imagestore-release-savepoint-");
    try {
      SavepointManifest manifest = take(jobVersion, releaseDir, work);
      System.out.println("savepoint of " + manifest.release() + " in " + releaseDir + ": "
          + manifest.uploads().size() + " dedup keys, offsets " + manifest.endOffsets());
    } finally {
      LocalFiles.deleteTree(work);
    }
    // The savepoint is written and the stack closed: end the JVM whatever client threads linger.
    System.exit(0);
  }

  static SavepointManifest take(String jobVersion, Path releaseDir, Path work) throws Exception {
    List<ReleaseInput.File> files = ReleaseInput.files();
    try (LocalStack stack = LocalStack.start(StackSettings.ephemeral(work.resolve("stack")))) {
      StackEndpoints endpoints = stack.endpoints();
      int partitions = stack.settings().partitions();
      // As production runs it: RocksDB, incremental checkpoints (the savepoint itself is canonical).
      JobConfig config = ReleaseSavepoints.jobConfig(endpoints).withState(StateSettings.defaults());
      Map<String, Integer> times = new HashMap<>();
      String savepoint;
      try (S3Client s3 = S3Clients.create(endpoints.objectStore(), 2);
          UploadDriver uploads = new UploadDriver(endpoints, s3);
          LocalJobRunner job = LocalJobRunner.start(config, work.resolve("job"))) {
        for (ReleaseInput.Event event : ReleaseInput.events(files, partitions)) {
          uploads.uploadAt(event.sourceId(), event.path(), event.file().bytes(), event.partition());
          times.merge(UploadDriver.sha256(event.file().bytes()), 1, Integer::sum);
        }
        awaitProcessed(endpoints, config, files.size());
        savepoint = job.stopWithSavepoint(work.resolve("savepoints").toUri().toString());
      }
      copySavepoint(Path.of(java.net.URI.create(savepoint)), releaseDir);
      Path uploadsDir = Files.createDirectories(releaseDir.resolve("uploads"));
      for (ReleaseInput.File file : files) {
        Files.write(uploadsDir.resolve(file.name()), file.bytes());
      }
      SavepointManifest manifest = new SavepointManifest(ReleaseSavepoints.release(jobVersion), jobVersion,
          EnvironmentInformation.getVersion(), "rocksdb (incremental checkpoints)", "canonical",
          config.parallelism(), config.state().maxParallelism(), endpoints.topics().uploads(),
          UploadsEndOffsets.of(endpoints), config.kafka().consumerGroup(), config.kafka().transactionalIdPrefix(),
          seen(files, times, outcomes(endpoints)),
          SavepointContents.load(releaseDir).stateful().stream().map(SavepointContents.Operator::uid).toList());
      manifest.write(releaseDir);
      Files.writeString(releaseDir.resolve("README.md"), ReleaseSavepointReadme.render(manifest));
      return manifest;
    }
  }

  /** Until every event is consumed and each distinct upload has its one committed record. */
  private static void awaitProcessed(StackEndpoints endpoints, JobConfig config, int distinct) throws Exception {
    long deadline = System.nanoTime() + PROCESSING_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      int records = CommittedRecords.metadataRecords(endpoints, distinct, Duration.ofSeconds(1)).size()
          + CommittedRecords.rejectRecords(endpoints, 1, Duration.ofSeconds(1)).size();
      if (records >= distinct && ConsumedUploads.all(endpoints, config)) {
        return;
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("the job did not process the release input within " + PROCESSING_TIMEOUT);
  }

  private static Map<String, String> outcomes(StackEndpoints endpoints) {
    Map<String, String> outcomes = new HashMap<>();
    for (ImageMetadata image : CommittedRecords.allMetadata(endpoints)) {
      outcomes.put(image.imageId(), "image");
    }
    for (ImageReject reject : CommittedRecords.allRejects(endpoints)) {
      outcomes.put(reject.imageId(), reject.reason().name());
    }
    return outcomes;
  }

  private static List<SavepointManifest.SeenUpload> seen(List<ReleaseInput.File> files, Map<String, Integer> times,
      Map<String, String> outcomes) {
    List<SavepointManifest.SeenUpload> seen = new ArrayList<>();
    for (ReleaseInput.File file : files) {
      String sha = UploadDriver.sha256(file.bytes());
      String outcome = outcomes.get(sha);
      if (outcome == null) {
        throw new IllegalStateException("no committed record for " + file.name() + " (" + sha + ")");
      }
      seen.add(new SavepointManifest.SeenUpload("uploads/" + file.name(), sha, times.get(sha), outcome));
    }
    return seen;
  }

  /** A canonical savepoint is self-contained and relocatable: its files can move as they are. */
  private static void copySavepoint(Path savepoint, Path releaseDir) throws IOException {
    Files.createDirectories(releaseDir);
    try (Stream<Path> files = Files.walk(savepoint)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = releaseDir.resolve(savepoint.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
