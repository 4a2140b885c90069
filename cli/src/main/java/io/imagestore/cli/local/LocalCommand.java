package io.imagestore.cli.local;

import io.imagestore.stack.LocalStack;
import io.imagestore.stack.StackBanner;
import io.imagestore.stack.StackComponent;
import io.imagestore.stack.StackSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code imagestore local}: the whole pipeline in this JVM until Ctrl-C. */
@Command(name = "local", mixinStandardHelpOptions = true,
    description = "Runs the whole pipeline on embedded defaults, on 127.0.0.1: a Kafka broker (KRaft), "
        + "an S3 server, the FTP bridge and the Flink job on a MiniCluster. Prints the endpoints, then "
        + "each committed metadata or reject record as an indexer sees it (read_committed). Ctrl-C "
        + "stops everything; a restart on the same data dir keeps the images and the job's dedup state.")
public final class LocalCommand implements Callable<Integer> {

  @Option(names = "--data-dir", description = "Where everything keeps its data (default: ${DEFAULT-VALUE}).")
  Path dataDir = Path.of(".imagestore", "local");

  @Option(names = "--ftp-port", description = "FTP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int ftpPort = 2121;

  @Option(names = "--kafka-port", description = "Kafka port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int kafkaPort = StackSettings.DEFAULT_KAFKA_PORT;

  @Option(names = "--s3-port", description = "S3 port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int s3Port = StackSettings.DEFAULT_S3_PORT;

  @Option(names = "--json", description = "Print each record's JSON under its summary line.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    Path dir = dataDir.toAbsolutePath().normalize();
    StackSettings settings = StackSettings.defaults(dir).withPorts(kafkaPort, s3Port);
    JobHealthConsole health = new JobHealthConsole(out, "the log lines above (stderr)");
    List<StackComponent> components = List.of(
        new FtpBridgeComponent(dir.resolve("ftp"), settings.host(), ftpPort),
        new FlinkJobComponent(dir.resolve("flink"), health));
    out.println("imagestore local: starting in " + dir + " …");
    LocalStack stack = LocalStack.start(settings, components, line -> out.println("  " + line));
    CommittedRecordFollower follower = new CommittedRecordFollower(stack.endpoints().kafkaBootstrap(),
        stack.endpoints().topics().metadata(), stack.endpoints().topics().rejects(),
        new CommittedRecordPrinter(out, json)).start();

    AtomicBoolean stopping = new AtomicBoolean();
    CountDownLatch stopped = new CountDownLatch(1);
    Runnable stop = () -> {
      if (!stopping.compareAndSet(false, true)) {
        return;
      }
      out.println("imagestore local: stopping (the job takes a savepoint) …");
      try {
        follower.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      stack.close();
      out.println("imagestore local: stopped; data kept in " + dir);
      stopped.countDown();
    };
    Thread hook = new Thread(stop, "imagestore-local-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);

    StackBanner.print(out, stack.env(), settings.stackEnvFile());
    printTryIt(out, stack.env());
    // Ctrl-C ends the wait through the hook; a job that failed for good ends it here, so the
    // bridge stops accepting uploads nobody would process and the exit code says so.
    CompletableFuture<Void> ended = CompletableFuture.anyOf(health.failedForGood(),
        CompletableFuture.runAsync(() -> awaitQuietly(stopped))).thenApply(x -> null);
    ended.join();
    if (health.failedForGood().isDone()) {
      stop.run();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException alreadyShuttingDown) {
        // Ctrl-C came at the same time: the hook finds the stack stopped.
      }
      return 1;
    }
    return 0;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void printTryIt(PrintStream out, Map<String, String> env) throws IOException {
    String sample = sampleImage().map(Path::toString).orElse("photo.jpg");
    out.printf("Upload an image (any FTP client works; cameras may make date folders):%n");
    out.printf("  curl -T %s ftp://%s:%s@%s:%s/%n", sample, env.get("IMAGESTORE_FTP_USER"),
        env.get("IMAGESTORE_FTP_PASSWORD"), env.get("IMAGESTORE_FTP_HOST"), env.get("IMAGESTORE_FTP_PORT"));
    out.println("Committed records appear below as the job publishes them. Ctrl-C stops.");
    out.println();
  }

  /** A sample image shipped with the project, when run from a checkout. */
  private static Optional<Path> sampleImage() throws IOException {
    String home = System.getProperty("imagestore.home");
    if (home == null) {
      return Optional.empty();
    }
    Path samples = Path.of(home, "samples");
    if (!Files.isDirectory(samples)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(samples)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".jpg")).sorted().findFirst();
    }
  }
}
