package io.imagestore.cli.bench;

import io.imagestore.cli.local.StackJobConfigs;
import io.imagestore.job.config.CheckpointSettings;
import io.imagestore.job.config.JobConfig;
import io.imagestore.job.config.StateSettings;
import io.imagestore.job.runner.CheckpointStats;
import io.imagestore.job.runner.CheckpointStats.Checkpoint;
import io.imagestore.job.runner.LocalJobRunner;
import io.imagestore.objectstore.S3Clients;
import io.imagestore.stack.LocalStack;
import io.imagestore.stack.StackEndpoints;
import io.imagestore.stack.StackSettings;
import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code imagestore bench checkpoints}: how long a checkpoint takes while a backlog of upload
 * events waits in front of the processing operator — the job's checkpoints (aligned, unaligned
 * after {@code checkpoints.alignedTimeout}) against always-aligned ones as the baseline, on the
 * embedded stack, each from the same backlog.
 */
@Command(name = "checkpoints", mixinStandardHelpOptions = true,
    description = "Checkpoint durations with a backlog of upload events: always-aligned barriers (baseline) "
        + "against the job's unaligned-after-timeout checkpoints, on the embedded stack.")
public final class CheckpointBench implements Callable<Integer> {

  @Option(names = "--events", description = "Upload events in the backlog (default: ${DEFAULT-VALUE}).")
  int events = 2000;

  @Option(names = "--seconds", description = "How long each variant runs (default: ${DEFAULT-VALUE}).")
  int seconds = 90;

  @Option(names = "--size", description = "Width and height of each JPEG (default: ${DEFAULT-VALUE}).", split = "x")
  int[] size = {1600, 1200};

  @Option(names = "--parallelism", description = "Job parallelism (default: ${DEFAULT-VALUE}).")
  int parallelism = 2;

  private final PrintStream out = System.out;

  /** What one variant saw. */
  record Result(String name, int backlog, int completed, int unaligned, Duration median, Duration longest,
      long inFlightBytes) {
    String line() {
      return String.format("checkpoints: %-9s backlog=%d completed=%d unaligned=%d p50=%.1fs longest=%.1fs in-flight=%dKiB",
          name, backlog, completed, unaligned, median.toMillis() / 1000.0, longest.toMillis() / 1000.0,
          inFlightBytes / 1024);
    }
  }

  @Override
  public Integer call() throws Exception {
    Path dir = Files.createTempDirectory("imagestore-bench-checkpoints-");
    try (LocalStack stack = LocalStack.start(StackSettings.ephemeral(dir));
        S3Client s3 = S3Clients.create(stack.endpoints().objectStore(), 4)) {
      StackEndpoints endpoints = stack.endpoints();
      out.printf("bench checkpoints: %d upload events of %dx%d JPEGs, parallelism %d, %d s per variant%n",
          events, size[0], size[1], parallelism, seconds);
      new BacklogPublisher(endpoints, s3).publish(photoLike(size[0], size[1]), events,
          n -> out.printf("  backlog: %d/%d events published%n", n, events));

      JobConfig base = baseConfig(endpoints);
      Result aligned = run(base, "aligned", false);
      Result job = run(base, "unaligned", true);
      out.println(aligned.line());
      out.println(job.line());
      out.printf("checkpoints: longest with backlog %.1fs (job) vs %.1fs (always aligned) = %.2fx (lower is better)%n",
          job.longest().toMillis() / 1000.0, aligned.longest().toMillis() / 1000.0,
          (double) job.longest().toMillis() / Math.max(1, aligned.longest().toMillis()));
      return 0;
    } finally {
      ScratchDirs.delete(dir);
    }
  }

  private JobConfig baseConfig(StackEndpoints endpoints) {
    return StackJobConfigs.forStack(endpoints).withState(StateSettings.onHeap()).withParallelism(parallelism);
  }


  private Result run(JobConfig base, String name, boolean unaligned) throws Exception {
    String state = "s3p://" + base.buckets().state() + "/bench-" + name;
    CheckpointSettings defaults = base.checkpoints();
    JobConfig config = base
        .withKafka(base.kafka().withConsumerGroup("bench-" + name).withTransactionalIdPrefix("bench-" + name))
        .withCheckpoints(new CheckpointSettings(Duration.ofSeconds(2), defaults.timeout(), state + "/checkpoints",
            state + "/savepoints", defaults.tolerableFailures(), unaligned, defaults.alignedTimeout()));
    Map<Long, Checkpoint> seen = new TreeMap<>();
    Path work = Files.createTempDirectory("imagestore-bench-job-");
    LocalJobRunner runner = LocalJobRunner.start(config, work);
    try {
      CheckpointStats stats = new CheckpointStats(runner.restAddress(), runner.jobId());
      Instant end = Instant.now().plusSeconds(seconds);
      Instant nextReport = Instant.now().plusSeconds(15);
      while (Instant.now().isBefore(end)) {
        Thread.sleep(2000);
        for (Checkpoint c : stats.history(Instant.now())) {
          if (!c.savepoint()) {
            seen.put(c.id(), c);
          }
        }
        if (Instant.now().isAfter(nextReport)) {
          nextReport = nextReport.plusSeconds(15);
          out.println("  " + name + ": " + summary(seen.values()));
        }
      }
    } finally {
      runner.cancel();
      ScratchDirs.delete(work);
    }
    List<Checkpoint> completed = seen.values().stream().filter(Checkpoint::completed).toList();
    List<Duration> durations = new ArrayList<>(completed.stream().map(Checkpoint::duration).sorted().toList());
    Duration longest = seen.values().stream().filter(c -> c.completed() || c.inProgress())
        .map(Checkpoint::duration).max(Comparator.naturalOrder()).orElse(Duration.ofSeconds(seconds));
    return new Result(name, events, completed.size(), (int) completed.stream().filter(Checkpoint::unaligned).count(),
        durations.isEmpty() ? Duration.ZERO : durations.get(durations.size() / 2), longest,
        completed.stream().mapToLong(Checkpoint::persistedInFlightBytes).max().orElse(0));
  }

  private static String summary(java.util.Collection<Checkpoint> checkpoints) {
    long completed = checkpoints.stream().filter(Checkpoint::completed).count();
    Duration longestDone = checkpoints.stream().filter(Checkpoint::completed).map(Checkpoint::duration)
        .max(Comparator.naturalOrder()).orElse(Duration.ZERO);
    Duration oldestWaiting = checkpoints.stream().filter(Checkpoint::inProgress).map(Checkpoint::duration)
        .max(Comparator.naturalOrder()).orElse(Duration.ZERO);
    return String.format("%d completed (longest %.1fs), in progress for %.1fs", completed,
        longestDone.toMillis() / 1000.0, oldestWaiting.toMillis() / 1000.0);
  }

  /** Noise over gradients: compresses like a photo (~1.5 bits/pixel), so decoding costs what a photo does. */
  static byte[] photoLike(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(42);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int r = (x * 255 / width + random.nextInt(24)) & 0xFF;
        int g = (y * 255 / height + random.nextInt(24)) & 0xFF;
        int b = ((x + y) * 127 / (width + height) + random.nextInt(24)) & 0xFF;
        image.setRGB(x, y, r << 16 | g << 8 | b);
      }
    }
    return BacklogPublisher.encode(image);
  }

}
