package io.imagestore.cluster;

import io.imagestore.objectstore.ObjectStoreSettings;
import io.imagestore.objectstore.S3Clients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;

/** The embedded S3 server (S3Proxy, filesystem backend) as a process of its own. */
final class S3ServerNode implements ObjectStoreNode {
  static final String NAME = "s3";

  private final StackLayout layout;
  private final ManagedProcesses processes;
  private final Runtimes runtimes;
  private final int port;

  S3ServerNode(StackLayout layout, ManagedProcesses processes, Runtimes runtimes, int port) {
    this.layout = layout;
    this.processes = processes;
    this.runtimes = runtimes;
    this.port = port;
  }

  @Override
  public ObjectStoreSettings start(StackBuckets buckets, Duration timeout) {
    ObjectStoreSettings settings = ObjectStoreSettings.pathStyle("http://127.0.0.1:" + port, RandomSecrets.hex(10), RandomSecrets.hex(20));
    List<String> args = new ArrayList<>(List.of("--dir", layout.data(NAME).toString(), "--port", Integer.toString(port)));
    buckets.all().forEach(b -> {
      args.add("--bucket");
      args.add(b);
    });
    processes.start(NAME, new JavaCommand("io.imagestore.stack.S3ServerMain", runtimes.services())
        .jvm("-Xmx512m")
        .jvm(StackLogging.options(layout, NAME))
        .env("IMAGESTORE_S3_ACCESS_KEY", settings.accessKey())
        .env("IMAGESTORE_S3_SECRET_KEY", settings.secretKey())
        .args(args));
    Waits.until("the S3 server on " + settings.endpoint() + " to list the stack's buckets", timeout, () -> {
      if (!processes.isRunning(NAME)) {
        throw new StackException("the S3 server exited; see " + layout.processOutput(NAME));
      }
      try (S3Client s3 = S3Clients.create(settings, 1)) {
        return s3.listBuckets().buckets().stream().map(b -> b.name()).toList().containsAll(buckets.all());
      }
    }, "see " + layout.processOutput(NAME));
    return settings;
  }

  @Override
  public void stop() {
    processes.stop(NAME, Duration.ofSeconds(15));
  }

  @Override
  public boolean isRunning() {
    return processes.isRunning(NAME);
  }

  @Override
  public String describe() {
    return "S3 server (S3Proxy) on 127.0.0.1:" + port;
  }
}
