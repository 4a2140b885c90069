package io.imagestore.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The embedded S3 server as a process of its own, for the standalone stack when Ceph is not
 * used. Keys come from the environment, not the command line, so {@code ps} does not show them.
 */
@Command(name = "s3-server", mixinStandardHelpOptions = true,
    description = "S3 server (filesystem backend) on 127.0.0.1 until SIGTERM. Keys from IMAGESTORE_S3_ACCESS_KEY "
        + "and IMAGESTORE_S3_SECRET_KEY.")
public final class S3ServerMain implements Callable<Integer> {
  static final String ACCESS_KEY_ENV = "IMAGESTORE_S3_ACCESS_KEY";
  static final String SECRET_KEY_ENV = "IMAGESTORE_S3_SECRET_KEY";

  @Option(names = "--dir", required = true, description = "Where objects are kept.")
  Path dir;

  @Option(names = "--port", required = true, description = "Port on 127.0.0.1.")
  int port;

  @Option(names = "--bucket", description = "A bucket to create at start (repeatable).")
  List<String> buckets = new ArrayList<>();

  public static void main(String[] args) {
    int exit = new CommandLine(new S3ServerMain()).execute(args);
    if (exit != 0) {
      System.exit(exit);
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    String accessKey = requiredEnv(ACCESS_KEY_ENV);
    String secretKey = requiredEnv(SECRET_KEY_ENV);
    EmbeddedS3 s3 = new EmbeddedS3(dir, "127.0.0.1", port, accessKey, secretKey).start();
    s3.createBuckets(buckets);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      s3.close();
      stopped.countDown();
    }, "s3-server-shutdown"));
    System.out.println("s3 server ready endpoint=" + s3.endpoint() + " buckets=" + buckets);
    stopped.await();
    return 0;
  }

  private static String requiredEnv(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      throw new CommandLine.ParameterException(new CommandLine(new S3ServerMain()), name + " is not set");
    }
    return value;
  }
}
