package io.imagestore.cli.bench;

import io.imagestore.job.config.CheckpointSettings;
import io.imagestore.job.config.JobConfig;
import io.imagestore.job.config.StateSettings;
import io.imagestore.job.dedup.DeduplicateUploads;
import io.imagestore.job.job.FlinkSettings;
import io.imagestore.job.records.JobTypes;
import io.imagestore.job.runner.CheckpointStats;
import io.imagestore.objectstore.ObjectStoreSettings;
import io.imagestore.schemas.UploadEvent;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code imagestore bench state}: what the dedup state costs at scale, on each backend. Fills it
 * with N synthetic content hashes through the dedup function and its state descriptor (TTL and
 * all, as the processing operator keeps it), takes a checkpoint, adds 1 % new keys and takes
 * another: the second is what an incremental checkpoint costs in steady state. Checkpoints go
 * to a local directory, so the figures are the state backend's, not the network's.
 */
@Command(name = "state", mixinStandardHelpOptions = true,
    description = "Dedup state at scale: bytes per key, heap, full and incremental checkpoint times, per backend.")
public final class StateBench implements Callable<Integer> {
  /** Heap per key the hashmap backend needs, with margin (measured: ~170 B: 64-char key, Long, TTL wrapper, map entry). */
  private static final long HEAP_BYTES_PER_KEY_ESTIMATE = 250;

  /** New keys that reached the dedup function; a static field: the MiniCluster runs in this JVM. */
  static final AtomicLong PROCESSED = new AtomicLong();

  @Option(names = "--keys", description = "Keys to fill the state with (default: ${DEFAULT-VALUE}).")
  long keys = 10_000_000;

  @Option(names = "--backends", split = ",", description = "rocksdb, hashmap or both (default: ${DEFAULT-VALUE}).")
  List<String> backends = List.of("rocksdb", "hashmap");

  @Option(names = "--parallelism", description = "Parallelism of the dedup function (default: ${DEFAULT-VALUE}).")
  int parallelism = 2;

  private final PrintStream out = System.out;

  record Result(String backend, long keys, double bytesPerKey, long heapMb, double fullSeconds, long fullBytes,
      double incrementalSeconds, long incrementalBytes) {
    String line() {
      return String.format("state: backend=%s keys=%d bytes_per_key=%.0f heap_mb=%d full_checkpoint_s=%.1f"
          + " incremental_checkpoint_s=%.1f", backend, keys, bytesPerKey, heapMb, fullSeconds, incrementalSeconds);
    }
  }

  @Override
  public Integer call() throws Exception {
    out.printf("bench state: %,d keys, parallelism %d, heap limit %d MiB%n", keys, parallelism,
        Runtime.getRuntime().maxMemory() >> 20);
    List<Result> results = new ArrayList<>();
    for (String backend : backends) {
      StateSettings.Backend kind = StateSettings.Backend.parse("--backends", backend);
      long needed = keys * HEAP_BYTES_PER_KEY_ESTIMATE;
      if (kind == StateSettings.Backend.HASHMAP && needed > Runtime.getRuntime().maxMemory() * 7 / 10) {
        out.printf("  hashmap: skipped, %,d keys need about %d MiB of heap; run with IMAGESTORE_JAVA_OPTS=-Xmx%dg%n",
            keys, needed >> 20, Math.max(2, (needed * 2 >> 30) + 1));
        continue;
      }
      results.add(run(kind));
    }
    out.println();
    out.println("backend   keys          bytes/key  heap MiB  full checkpoint        incremental (+1 %)");
    for (Result r : results) {
      out.printf("%-9s %,-13d %9.0f  %8d  %6.1f s %10s  %6.1f s %10s%n", r.backend(), r.keys(), r.bytesPerKey(),
          r.heapMb(), r.fullSeconds(), mib(r.fullBytes()), r.incrementalSeconds(), mib(r.incrementalBytes()));
    }
    for (Result r : results) {
      out.println(r.line());
    }
    if (results.size() == 2) {
      Result a = results.get(0);
      Result b = results.get(1);
      out.printf("state: %s/%s heap=%.2fx full_checkpoint=%.2fx incremental_checkpoint=%.2fx%n", a.backend(),
          b.backend(), (double) a.heapMb() / Math.max(1, b.heapMb()), a.fullSeconds() / Math.max(0.001, b.fullSeconds()),
          a.incrementalSeconds() / Math.max(0.001, b.incrementalSeconds()));
    }
    return 0;
  }

  private Result run(StateSettings.Backend backend) throws Exception {
    String name = backend.flinkName();
    Path dir = Files.createTempDirectory("imagestore-bench-state-");
    long extra = Math.max(1, keys / 100);
    PROCESSED.set(0);
    JobConfig config = JobConfig.defaults("127.0.0.1:9092", ObjectStoreSettings.pathStyle("http://127.0.0.1:9000", "a", "s"))
        .withState(backend == StateSettings.Backend.ROCKSDB ? StateSettings.defaults() : StateSettings.onHeap())
        // Checkpoints only when this bench triggers them: each measures one known state.
        .withCheckpoints(new CheckpointSettings(Duration.ofDays(1), Duration.ofHours(1),
            dir.resolve("checkpoints").toUri().toString(), dir.resolve("savepoints").toUri().toString(), 0, false,
            Duration.ZERO))
        .withParallelism(parallelism);
    Configuration conf = FlinkSettings.job(config);
    conf.set(CoreOptions.TMP_DIRS, Files.createDirectories(dir.resolve("tmp")).toString());
    conf.setString("state.backend.rocksdb.localdir", Files.createDirectories(dir.resolve("rocksdb")).toString());
    MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(conf)
        .setNumTaskManagers(1).setNumSlotsPerTaskManager(parallelism).build());
    try {
      cluster.start();
      long baseline = heapAfterGc();
      StreamExecutionEnvironment env = new StreamExecutionEnvironment(conf);
      // keys records, then nothing until a checkpoint completes, then keys more of which the
      // filter keeps the first 1 %: the steady-state delta for the incremental checkpoint.
      DataGeneratorSource<Long> source = new DataGeneratorSource<>(i -> i, 2 * keys,
          RateLimiterStrategy.perCheckpoint((int) Math.min(Integer.MAX_VALUE, keys)), Types.LONG);
      long limit = keys + extra;
      env.fromSource(source, WatermarkStrategy.noWatermarks(), "synthetic hashes").setParallelism(1)
          .filter(i -> i < limit).setParallelism(1)
          .map(new ToUploadEvent()).returns(JobTypes.UPLOAD_EVENT).setParallelism(1)
          .keyBy(UploadEvent::sha256)
          .process(new DeduplicateUploads(JobConfig.DEFAULT_DEDUP_TTL)).returns(JobTypes.UPLOAD_EVENT)
          .map(new CountNew()).returns(JobTypes.UPLOAD_EVENT)
          .sinkTo(new DiscardingSink<>());
      JobID job = cluster.submitJob(env.getStreamGraph().getJobGraph()).get(1, TimeUnit.MINUTES).getJobID();
      CheckpointStats stats = new CheckpointStats(cluster.getRestAddress().get(), job);

      awaitProcessed(name, keys);
      long heapMb = Math.max(0, heapAfterGc() - baseline) >> 20;
      long full = checkpoint(cluster, job);
      CheckpointStats.Checkpoint fullStats = awaitStats(stats, full);
      long onDisk = backend == StateSettings.Backend.ROCKSDB ? sizeOf(dir.resolve("rocksdb")) : fullStats.stateBytes();
      awaitProcessed(name, limit);
      long incremental = checkpoint(cluster, job);
      CheckpointStats.Checkpoint incStats = awaitStats(stats, incremental);
      // The source may have run out meanwhile (the job FINISHED): nothing left to cancel then.
      cluster.cancelJob(job).exceptionally(e -> null).get(1, TimeUnit.MINUTES);
      return new Result(name, keys, (double) onDisk / keys, heapMb, fullStats.duration().toMillis() / 1000.0,
          fullStats.checkpointedBytes(), incStats.duration().toMillis() / 1000.0, incStats.checkpointedBytes());
    } finally {
      cluster.close();
      ScratchDirs.delete(dir);
    }
  }

  private void awaitProcessed(String backend, long target) throws InterruptedException {
    Instant nextReport = Instant.now().plusSeconds(10);
    while (PROCESSED.get() < target) {
      Thread.sleep(100);
      if (Instant.now().isAfter(nextReport)) {
        nextReport = nextReport.plusSeconds(10);
        out.printf("  %s: %,d/%,d keys%n", backend, PROCESSED.get(), target);
      }
    }
  }

  /** Triggers a checkpoint and returns its id once it has completed. */
  private static long checkpoint(MiniCluster cluster, JobID job) throws Exception {
    String path = cluster.triggerCheckpoint(job).get(1, TimeUnit.HOURS);
    String name = Path.of(java.net.URI.create(path).getPath()).getFileName().toString();
    return Long.parseLong(name.substring(name.indexOf('-') + 1));
  }

  /** The REST statistics of checkpoint {@code id}, which may lag its completion by a few seconds. */
  private static CheckpointStats.Checkpoint awaitStats(CheckpointStats stats, long id) throws Exception {
    for (int i = 0; i < 100; i++) {
      var found = stats.checkpoint(id).filter(CheckpointStats.Checkpoint::completed);
      if (found.isPresent()) {
        return found.get();
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("no statistics for checkpoint " + id + " after 20 s");
  }

  private static long heapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static String mib(long bytes) {
    return String.format("%.1f MiB", bytes / 1048576.0);
  }

  private static long sizeOf(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }


  /** A synthetic upload of content number {@code i}: its hash is the key, as for a real upload. */
  static final class ToUploadEvent implements MapFunction<Long, UploadEvent> {
    private static final long serialVersionUID = 1L;
    private static final Instant AT = Instant.parse("2026-12-01T00:00:00Z");

    private transient java.security.MessageDigest digest;

    @Override
    public UploadEvent map(Long i) throws Exception {
      if (digest == null) {
        digest = java.security.MessageDigest.getInstance("SHA-256"); // one per subtask, not per key
      }
      String sha = HexFormat.of().formatHex(
          digest.digest(Long.toString(i).getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
      return UploadEvent.of(new UUID(0, i), "bench", "/" + i + ".jpg", "originals",
          "originals/" + sha.substring(0, 2) + "/" + sha, 1, sha, "image/jpeg", AT, "bench");
    }
  }

  static final class CountNew implements MapFunction<UploadEvent, UploadEvent> {
    private static final long serialVersionUID = 1L;

    @Override
    public UploadEvent map(UploadEvent event) {
      PROCESSED.incrementAndGet();
      return event;
    }
  }
}
