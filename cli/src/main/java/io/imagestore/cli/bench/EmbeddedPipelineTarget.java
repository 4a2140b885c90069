package io.imagestore.cli.bench;

import io.imagestore.cli.bench.BridgeBenchUploads.FtpTarget;
import io.imagestore.cli.local.FlinkJobComponent;
import io.imagestore.cli.local.FtpBridgeComponent;
import io.imagestore.job.runner.JobFailure;
import io.imagestore.job.runner.JobWatcher;
import io.imagestore.objectstore.ObjectStoreSettings;
import io.imagestore.stack.LocalStack;
import io.imagestore.stack.StackSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What {@code imagestore local} runs — Kafka and the S3 server in this JVM, the FTP bridge, the
 * job on a MiniCluster — on free ports in a temporary directory that {@link #close()} removes.
 */
final class EmbeddedPipelineTarget implements PipelineTarget {
  private final Path dir;
  private final LocalStack stack;
  private final CompletableFuture<JobFailure> failedForGood;

  private EmbeddedPipelineTarget(Path dir, LocalStack stack, CompletableFuture<JobFailure> failedForGood) {
    this.dir = dir;
    this.stack = stack;
    this.failedForGood = failedForGood;
  }

  static EmbeddedPipelineTarget start(PrintStream console) throws IOException {
    Path dir = Files.createTempDirectory("imagestore-bench-pipeline-");
    CompletableFuture<JobFailure> failedForGood = new CompletableFuture<>();
    try {
      StackSettings settings = StackSettings.ephemeral(dir);
      FlinkJobComponent job = new FlinkJobComponent(dir.resolve("flink"), new JobWatcher.Listener() {
        @Override
        public void restarting(JobFailure failure, long restarts) {
          console.println("  the job failed and restarts (" + restarts + "): " + failure.summary());
        }

        @Override
        public void failedForGood(JobFailure lastFailure) {
          failedForGood.complete(lastFailure);
        }
      });
      LocalStack stack = LocalStack.start(settings,
          List.of(new FtpBridgeComponent(dir.resolve("ftp"), settings.host(), 0), job),
          line -> console.println("  " + line));
      return new EmbeddedPipelineTarget(dir, stack, failedForGood);
    } catch (RuntimeException | Error e) {
      try {
        ScratchDirs.delete(dir);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  @Override
  public String describe() {
    return "the embedded stack (Kafka, S3 server, bridge and a Flink MiniCluster in this JVM)";
  }

  @Override
  public FtpTarget ftp() {
    Map<String, String> env = stack.env();
    return new FtpTarget(env.get("IMAGESTORE_FTP_HOST"), Integer.parseInt(env.get("IMAGESTORE_FTP_PORT")),
        env.get("IMAGESTORE_FTP_USER"), env.get("IMAGESTORE_FTP_PASSWORD"));
  }

  @Override
  public String kafkaBootstrap() {
    return stack.endpoints().kafkaBootstrap();
  }

  @Override
  public String metadataTopic() {
    return stack.endpoints().topics().metadata();
  }

  @Override
  public String rejectsTopic() {
    return stack.endpoints().topics().rejects();
  }

  @Override
  public ObjectStoreSettings objectStore() {
    return stack.endpoints().objectStore();
  }

  @Override
  public String folder(long run) {
    return "/pipeline";
  }

  @Override
  public boolean freshTopics() {
    return true;
  }

  @Override
  public PipelineCpu startCpu() {
    return ThreadCpuBreakdown.start();
  }

  @Override
  public Optional<String> jobProblem() {
    return failedForGood.isDone() ? Optional.of("the job failed for good: " + failedForGood.join().summary())
        : Optional.empty();
  }

  @Override
  public void close() {
    try {
      stack.close();
    } finally {
      try {
        ScratchDirs.delete(dir);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot remove " + dir, e);
      }
    }
  }
}
