package io.imagestore.cli.bench;

import io.imagestore.bridge.BridgeConfig;
import io.imagestore.bridge.IngestBridge;
import io.imagestore.bridge.UsersFile;
import io.imagestore.cli.bench.BridgeBenchUploads.Client;
import io.imagestore.cli.bench.BridgeBenchUploads.FtpTarget;
import io.imagestore.objectstore.S3Clients;
import io.imagestore.stack.LocalStack;
import io.imagestore.stack.StackEndpoints;
import io.imagestore.stack.StackSettings;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code imagestore bench bridge}: uploads through the FTP bridge (a login per file, and one
 * session for many files) against the same files PUT straight to the same S3 server with the
 * same S3 client settings, on the embedded stack. Baseline and bridge runs alternate, round by
 * round, so a busy machine slows both alike. The bridge's 226 includes the Kafka ack; the PUT has
 * no such step — that is the price the ratio shows.
 */
@Command(name = "bridge", mixinStandardHelpOptions = true,
    description = "FTP uploads through the ingest bridge against direct S3 PUTs of the same files to the same "
        + "embedded S3 server: files/s, MiB/s, CPU and S3 requests per upload, ratio to the PUT.")
public final class BridgeBench implements Callable<Integer> {
  private static final String USER = "bench";
  private static final String PASSWORD = "bench-password";

  @Option(names = "--sizes", split = ",", description = "File sizes in bytes, KiB or MiB suffix allowed "
      + "(default: ${DEFAULT-VALUE}).")
  List<String> sizes = List.of("2MiB", "50MiB");

  @Option(names = "--clients", split = ",", description = "Parallel clients (default: ${DEFAULT-VALUE}).")
  List<Integer> clients = List.of(1, 8);

  @Option(names = "--small-files", description = "Files per case and round up to 8 MiB (default: ${DEFAULT-VALUE}).")
  int smallFiles = 32;

  @Option(names = "--large-files", description = "Files per case and round above 8 MiB (default: ${DEFAULT-VALUE}).")
  int largeFiles = 8;

  @Option(names = "--rounds", description = "Alternations of baseline and bridge per case (default: ${DEFAULT-VALUE}).")
  int rounds = 2;

  private final PrintStream out;

  public BridgeBench() {
    this(System.out);
  }

  BridgeBench(PrintStream out) {
    this.out = out;
  }

  /** One variant of one size and client count, summed over the rounds. */
  static final class Measure {
    final String mode;
    final int size;
    final int clients;
    long files;
    long nanos;
    long cpuNanos;
    long requests;

    Measure(String mode, int size, int clients) {
      this.mode = mode;
      this.size = size;
      this.clients = clients;
    }

    double filesPerSecond() {
      return files / (nanos / 1e9);
    }

    double mibPerSecond() {
      return filesPerSecond() * size / 1048576.0;
    }
  }

  @Override
  public Integer call() throws Exception {
    BenchLogging.quiet();
    Path dir = Files.createTempDirectory("imagestore-bench-bridge-");
    BridgeBenchRequestCounter bridgeRequests = new BridgeBenchRequestCounter();
    BridgeBenchRequestCounter putRequests = new BridgeBenchRequestCounter();
    int maxClients = clients.stream().mapToInt(Integer::intValue).max().orElse(1);
    try (LocalStack stack = LocalStack.start(StackSettings.ephemeral(dir))) {
      StackEndpoints endpoints = stack.endpoints();
      Path users = dir.resolve("users.txt");
      UsersFile.addUser(users, USER, PASSWORD, USER);
      String bucket = endpoints.buckets().originals();
      BridgeConfig.Limits limits = BridgeConfig.Limits.defaults();
      BridgeConfig config = BridgeConfig.builder()
          .port(0)
          .usersFile(users)
          .objectStore(endpoints.objectStore())
          .bucket(bucket)
          .kafkaBootstrap(endpoints.kafkaBootstrap())
          .uploadsTopic(endpoints.topics().uploads())
          .bridgeInstance("bench")
          // A client's next login may arrive before the bridge has counted its last QUIT. All
          // clients come from one address, as cameras behind one NAT: the default of 2 connections
          // not logged in yet per address would refuse 8 clients that log in per file with 421.
          .limits(limits
              .withConnections(4 * maxClients + 8, 4 * maxClients + 8)
              .withPreLogin(limits.loginTimeout(), null, 2 * maxClients + 2))
          .build();
      try (IngestBridge bridge = IngestBridge.start(config, List.of(bridgeRequests));
          S3Client s3 = S3Clients.create(endpoints.objectStore(), maxClients + 2, List.of(putRequests))) {
        FtpTarget target = new FtpTarget(bridge.host(), bridge.port(), USER, PASSWORD);
        out.printf("bench bridge: sizes %s, clients %s, %d rounds of %d (small) / %d (large) files per case, "
            + "%d cores, %s%n", sizes, clients, rounds, smallFiles, largeFiles,
            Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " "
                + System.getProperty("java.version"));
        // One login first: the password hash is paid once per 10 minutes, not per file (login cache).
        try (Client warmUp = BridgeBenchUploads.ftpSession(target, "/warm-up", new BridgeBenchPayload(1024, 1), 0)) {
          warmUp.upload(0);
        }
        List<Measure> results = new ArrayList<>();
        AtomicLong run = new AtomicLong();
        for (String sizeText : sizes) {
          int size = parseSize(sizeText);
          BridgeBenchPayload payload = new BridgeBenchPayload(size, size);
          int files = size > 8 << 20 ? largeFiles : smallFiles;
          for (int n : clients) {
            Map<String, Measure> byMode = new LinkedHashMap<>();
            for (String mode : List.of("direct PUT", "FTP login per file", "FTP one session")) {
              byMode.put(mode, new Measure(mode, size, n));
            }
            for (int round = 0; round < rounds; round++) {
              for (Measure m : byMode.values()) {
                long r = run.incrementAndGet();
                BridgeBenchRequestCounter counter = m.mode.equals("direct PUT") ? putRequests : bridgeRequests;
                // All clients of a case upload into one folder, as cameras into a date folder.
                LongFunction<Client> client = switch (m.mode) {
                  case "direct PUT" -> k -> BridgeBenchUploads.directPut(s3, bucket, "bench-direct/" + r + "/", payload, r);
                  case "FTP login per file" -> k -> BridgeBenchUploads.ftpLoginPerFile(target, "/run" + r,
                      payload, r);
                  default -> k -> BridgeBenchUploads.ftpSession(target, "/run" + r, payload, r);
                };
                runCase(m, files, client, counter);
                emptyBucket(s3, bucket);
              }
            }
            out.printf("  %s x %d clients: %s%n", mib(size), n, byMode.values().stream()
                .map(m -> String.format("%s %.1f files/s", m.mode, m.filesPerSecond())).toList());
            results.addAll(byMode.values());
          }
        }
        print(results);
      }
    } finally {
      ScratchDirs.delete(dir);
    }
    return 0;
  }

  /** {@code files} uploads from {@code m.clients} threads, each with its own client. */
  private static void runCase(Measure m, int files, LongFunction<Client> clientFor, BridgeBenchRequestCounter counter)
      throws Exception {
    AtomicLong next = new AtomicLong();
    long requests0 = counter.count();
    long cpu0 = processCpuNanos();
    long t0 = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(m.clients);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int k = 0; k < m.clients; k++) {
        long clientId = k;
        running.add(pool.submit(() -> {
          try (Client client = clientFor.apply(clientId)) {
            for (long id = next.getAndIncrement(); id < files; id = next.getAndIncrement()) {
              client.upload(id);
            }
          }
          return null;
        }));
      }
      for (Future<?> f : running) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    m.nanos += System.nanoTime() - t0;
    m.cpuNanos += processCpuNanos() - cpu0;
    m.requests += counter.count() - requests0;
    m.files += files;
  }

  private void print(List<Measure> results) {
    out.println();
    out.println("size     clients  mode                 files/s    MiB/s  CPU ms/upload  S3 req/upload  vs PUT");
    double worst = Double.MAX_VALUE;
    Measure put = null;
    for (Measure m : results) {
      if (m.mode.equals("direct PUT")) {
        put = m;
      }
      double ratio = m.filesPerSecond() / put.filesPerSecond();
      if (m != put) {
        worst = Math.min(worst, ratio);
      }
      out.printf("%-8s %7d  %-19s %8.1f %8.1f %14.1f %14.1f %6.2fx%n", mib(m.size), m.clients, m.mode,
          m.filesPerSecond(), m.mibPerSecond(), m.cpuNanos / 1e6 / m.files, (double) m.requests / m.files, ratio);
    }
    out.println("(CPU: the whole process — client, bridge, S3 server and broker — per upload)");
    out.printf("bridge_vs_direct_put=%.2f%n", worst);
  }

  /** Nothing of one case left for the next: listings and lookups cost the same in every case. */
  private static void emptyBucket(S3Client s3, String bucket) {
    List<ObjectIdentifier> batch = new ArrayList<>();
    for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
      batch.add(ObjectIdentifier.builder().key(o.key()).build());
      if (batch.size() == 1000) {
        deleteAll(s3, bucket, batch);
      }
    }
    deleteAll(s3, bucket, batch);
  }

  private static void deleteAll(S3Client s3, String bucket, List<ObjectIdentifier> keys) {
    if (!keys.isEmpty()) {
      List<ObjectIdentifier> copy = List.copyOf(keys);
      s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(copy)));
      keys.clear();
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  static int parseSize(String text) {
    String t = text.strip().toUpperCase(java.util.Locale.ROOT);
    long factor = 1;
    if (t.endsWith("MIB")) {
      factor = 1 << 20;
      t = t.substring(0, t.length() - 3);
    } else if (t.endsWith("KIB")) {
      factor = 1 << 10;
      t = t.substring(0, t.length() - 3);
    }
    long bytes = Long.parseLong(t.strip()) * factor;
    if (bytes < 64 || bytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("--sizes: " + text + " is outside 64 B .. 2 GiB");
    }
    return (int) bytes;
  }

  private static String mib(int bytes) {
    return bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : bytes % 1024 == 0 ? (bytes >> 10) + " KiB" : bytes + " B";
  }
}
