package io.imagestore.stack;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the embedded Kafka broker and S3 server alone (no bridge, no job) until Ctrl-C: for
 * developing against the stack. {@code bin/imagestore local} runs the whole pipeline instead.
 */
@Command(name = "local-stack", mixinStandardHelpOptions = true,
    description = "Embedded Kafka (KRaft) and S3 server on 127.0.0.1 until Ctrl-C.")
public final class LocalStackMain implements Callable<Integer> {

  @Option(names = "--data-dir", description = "Where Kafka and S3 keep their data (default: ${DEFAULT-VALUE}).")
  Path dataDir = Path.of(".imagestore", "local");

  @Option(names = "--kafka-port", description = "Kafka client port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int kafkaPort = StackSettings.DEFAULT_KAFKA_PORT;

  @Option(names = "--s3-port", description = "S3 port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int s3Port = StackSettings.DEFAULT_S3_PORT;

  @Option(names = "--partitions", description = "Partitions per topic (default: ${DEFAULT-VALUE}).")
  int partitions = StackSettings.DEFAULT_PARTITIONS;

  public static void main(String[] args) {
    System.exit(new CommandLine(new LocalStackMain()).execute(args));
  }

  @Override
  public Integer call() throws InterruptedException {
    StackSettings settings = StackSettings.defaults(dataDir.toAbsolutePath())
        .withPorts(kafkaPort, s3Port).withPartitions(partitions);
    LocalStack stack = LocalStack.start(settings, List.of(), System.out::println);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("stopping…");
      stack.close();
      stopped.countDown();
    }, "local-stack-shutdown"));
    StackBanner.print(System.out, stack.env(), settings.stackEnvFile());
    stopped.await();
    return 0;
  }
}
