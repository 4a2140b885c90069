package io.imagestore.cli.bench;

import io.imagestore.objectstore.ObjectStoreSettings;
import io.imagestore.objectstore.S3Clients;
import io.imagestore.schemas.ImageMetadata;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code imagestore bench pipeline}: photos uploaded over FTP by parallel clients until every
 * upload's record is committed — into the embedded stack (the components {@code imagestore local}
 * runs: Kafka, the S3 server, the bridge and the job on a MiniCluster), or into a standalone stack
 * of separate processes with {@code --stack}; against the imaging kernel alone on the same photos
 * and cores, measured before and after the pipeline in this JVM (so JIT warm-up and the machine's
 * other load fall on both).
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
    description = "FTP uploads through the bridge into the embedded stack (or, with --stack, a standalone "
        + "one) until every metadata record is committed (read_committed), against the imaging kernel alone "
        + "on the same photos and cores: photos/s, CPU per photo, p50/p99 latency from the 226 to the "
        + "committed record.")
public final class PipelineBench implements Callable<Integer> {
  /** No new record for this long: the pipeline is stuck, not slow. */
  private static final Duration STALL = Duration.ofMinutes(3);
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

  @Option(names = "--photos", required = true, description = "Directory of JPEG photos; "
      + "scripts/fetch-bench-photos.sh DIR fetches the benchmark set.")
  Path photoDir;

  @Option(names = "--out", description = "Keep the renditions of each photo's first upload here, as "
      + "<photo file name>.<rendition name>.jpg.")
  Path out;

  @Option(names = "--photos-count", description = "Uploads in all, the photos in turn, each made unique "
      + "(default: ${DEFAULT-VALUE}).")
  int count = 208;

  @Option(names = "--stack", paramLabel = "DATA_DIR", description = "Measure the standalone stack started from "
      + "this data dir (bin/imagestore stack up, then stack submit) instead of the embedded one: each component "
      + "its own process, Ceph RGW where installed. It stays up; each run uploads into a folder of its own.")
  Path stackDir;

  @Option(names = "--clients", description = "Parallel FTP clients, one session each (default: ${DEFAULT-VALUE}).")
  int clients = 4;

  private final PrintStream console;

  public PipelineBench() {
    this(System.out);
  }

  PipelineBench(PrintStream console) {
    this.console = console;
  }

  @Override
  public Integer call() throws Exception {
    BenchLogging.quiet();
    StampedPhotos photos = StampedPhotos.load(photoDir);
    int cores = Runtime.getRuntime().availableProcessors();
    console.printf("bench pipeline: %d uploads of %d photos from %s, %d FTP clients, %d cores, %s %s%n",
        count, photos.count(), photoDir, clients, cores, System.getProperty("java.vm.name"),
        System.getProperty("java.version"));
    try (PipelineTarget target = stackDir == null ? EmbeddedPipelineTarget.start(console)
        : StandalonePipelineTarget.open(stackDir, console)) {
      console.println("  on " + target.describe());
      return measure(target, photos, cores);
    }
  }

  private int measure(PipelineTarget target, StampedPhotos photos, int cores) throws Exception {
    List<Path> files = photos.photos().stream().map(StampedPhotos.Photo::file).toList();
    KernelAlone kernel = new KernelAlone(files, cores);
    console.printf("  kernel warm-up: %d photos (%s path)%n", photos.count(),
        kernel.usesTurboJpeg() ? "TurboJPEG" : "pure-Java");
    kernel.run(photos.count());
    long half = (count + 1) / 2;
    BenchSpan kernelBefore = kernel.run(half);
    console.printf("  kernel alone: %.1f photos/s%n", kernelBefore.photosPerSecond());

    long run = System.currentTimeMillis();
    String folder = target.folder(run);
    PipelineUploads uploads = new PipelineUploads(target.ftp(), folder, photos, run, count);
    List<String> paths = uploads.paths();
    BenchSpan pipeline;
    try (CommittedRecordClock records = new CommittedRecordClock(target.kafkaBootstrap(), target.metadataTopic(),
            target.rejectsTopic(), folder, target.freshTopics());
        PipelineCpu cpu = target.startCpu()) {
      BenchSpan.Clock clock = BenchSpan.start(cpu::usedNanos);
      CompletableFuture<Void> uploading = CompletableFuture.runAsync(() -> {
        try {
          uploads.run(clients);
        } catch (Exception e) {
          throw new IllegalStateException("upload failed: " + e.getMessage(), e);
        }
      });
      if (!awaitRecords(uploads, records, paths, uploading, target)) {
        return 1;
      }
      pipeline = clock.stop(count);
      Map<String, Double> cpuByGroup = cpu.millisPerPhoto(count);
      BenchSpan kernelAfter = kernel.run(count - half);
      console.printf("  kernel alone again: %.1f photos/s%n", kernelAfter.photosPerSecond());
      PipelineReport report = new PipelineReport(kernelBefore.plus(kernelAfter), pipeline, cores,
          latencies(uploads, records), records.metadataRecords(), records.rejectRecords(), count, cpu.counts());
      if (out != null) {
        keepRenditions(target.objectStore(), photos, uploads, records);
      }
      cpu.print(console, cpuByGroup);
      report.print(console);
      if (records.rejectRecords() > 0) {
        console.println("rejected: " + records.rejectReasons());
      }
      return records.rejectRecords() == 0 ? 0 : 1;
    }
  }

  /** Waits for a record per upload, printing progress; false when the pipeline stalls or fails. */
  private boolean awaitRecords(PipelineUploads uploads, CommittedRecordClock records, List<String> paths,
      CompletableFuture<Void> uploading, PipelineTarget target) throws InterruptedException {
    ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor();
    progress.scheduleAtFixedRate(() -> console.printf("  %d/%d uploaded (226), %d/%d committed%n",
        uploads.acked(), count, records.seenOf(paths), count), PROGRESS_EVERY.toMillis(),
        PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    try {
      long seen = 0;
      long lastChange = System.nanoTime();
      while (seen < count) {
        if (uploading.isCompletedExceptionally()) {
          console.println("bench pipeline: " + uploading.handle((v, e) -> e.getMessage()).join());
          return false;
        }
        var problem = target.jobProblem();
        if (problem.isPresent()) {
          console.println("bench pipeline: " + problem.get());
          return false;
        }
        long now = records.seenOf(paths);
        if (now != seen) {
          seen = now;
          lastChange = System.nanoTime();
        } else if (System.nanoTime() - lastChange > STALL.toNanos()) {
          console.printf("bench pipeline: no new record for %d s; %d of %d uploads have one%n",
              STALL.toSeconds(), seen, count);
          return false;
        }
        Thread.sleep(20);
      }
      uploading.join();
      return true;
    } finally {
      progress.shutdownNow();
    }
  }

  private long[] latencies(PipelineUploads uploads, CommittedRecordClock records) {
    long[] nanos = new long[count];
    for (int id = 0; id < count; id++) {
      // The 226 is noted just after the client reads it, the record as soon as a poll returns
      // it: a record can only appear after its 226, so a negative gap is the clocks' order only.
      nanos[id] = Math.max(0, records.visibleAt(uploads.path(id)) - uploads.ackedAt(id));
    }
    return nanos;
  }

  private void keepRenditions(ObjectStoreSettings store, StampedPhotos photos, PipelineUploads uploads,
      CommittedRecordClock records) throws Exception {
    Files.createDirectories(out);
    try (S3Client s3 = S3Clients.create(store, 2)) {
      for (int id = 0; id < Math.min(count, photos.count()); id++) {
        ImageMetadata m = records.metadata(uploads.path(id));
        if (m == null) {
          continue;
        }
        for (ImageMetadata.Rendition r : m.renditions()) {
          Path file = out.resolve(photos.photoOf(id).name() + "." + r.name() + ".jpg");
          Files.write(file, s3.getObjectAsBytes(b -> b.bucket(r.bucket()).key(r.key())).asByteArray());
        }
      }
    }
    console.println("renditions kept in " + out);
  }
}
