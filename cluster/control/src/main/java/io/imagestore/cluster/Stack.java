package io.imagestore.cluster;

import io.imagestore.objectstore.ObjectStoreSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The standalone stack: 3 Kafka brokers, ZooKeeper, a Flink session cluster with HA, the object
 * store and the FTP bridge, each its own process on 127.0.0.1, recorded under one data dir.
 */
public final class Stack {
  public enum ObjectStoreKind { CEPH, S3PROXY }

  static final Duration START_TIMEOUT = Duration.ofMinutes(3);
  static final Duration STOP_GRACE = Duration.ofSeconds(20);

  private final Path projectHome;
  private final StackLayout layout;
  private final ManagedProcesses processes;
  private final Runtimes runtimes;

  public Stack(Path projectHome, Path dataDir) {
    this.projectHome = projectHome.toAbsolutePath().normalize();
    this.layout = new StackLayout(dataDir);
    this.processes = new ManagedProcesses(layout);
    this.runtimes = new Runtimes(this.projectHome);
  }

  public StackLayout layout() {
    return layout;
  }

  public ManagedProcesses processes() {
    return processes;
  }

  public Path projectHome() {
    return projectHome;
  }

  public StackState state() {
    return StackState.load(layout.stateFile())
        .orElseThrow(() -> new StackException("no stack in " + layout.dataDir() + " (run: bin/imagestore stack up)"));
  }

  public void saveState(StackState state) {
    state.save(layout.stateFile());
  }

  public KafkaBrokers kafka() {
    return new KafkaBrokers(layout, processes, runtimes, state().ports());
  }

  public FlinkCluster flink() {
    return new FlinkCluster(layout, processes, runtimes, state().ports());
  }

  public FlinkJobs jobs() {
    return new FlinkJobs(this, runtimes);
  }

  ObjectStoreNode objectStore(StackState state) {
    return objectStore(ObjectStoreKind.valueOf(state.objectStore()), state.ports());
  }

  private ObjectStoreNode objectStore(ObjectStoreKind kind, StackPorts ports) {
    return kind == ObjectStoreKind.CEPH
        ? new CephNode(projectHome, layout, ports.s3())
        : new S3ServerNode(layout, processes, runtimes, ports.s3());
  }

  /** Ceph RGW where its packages are installed, the embedded S3 server otherwise. */
  public static ObjectStoreKind defaultObjectStore() {
    return CephNode.packagesInstalled() ? ObjectStoreKind.CEPH : ObjectStoreKind.S3PROXY;
  }

  /**
   * Starts every component in dependency order and waits until each is ready. A failure stops
   * what this call started before it throws, so no half stack stays behind.
   */
  public StackState up(ObjectStoreKind kind, int basePort, Consumer<String> progress) {
    if (StackState.load(layout.stateFile()).isPresent() && !processes.recorded().isEmpty()) {
      List<String> running = processes.recorded().stream().filter(processes::isRunning).toList();
      if (!running.isEmpty()) {
        throw new StackException("a stack already runs from " + layout.dataDir() + " (" + String.join(", ", running)
            + "); bin/imagestore stack down first");
      }
    }
    StackPorts ports = new StackPorts(basePort);
    List<String> taken = ports.taken();
    if (!taken.isEmpty()) {
      throw new StackException("ports in use on 127.0.0.1: " + String.join(", ", taken)
          + "; stop what holds them or choose another --base-port");
    }
    runtimes.flink();
    runtimes.kafka();
    runtimes.zookeeper();
    runtimes.services();
    runtimes.flinkPlugins();
    StackLogging.write(layout);
    StackBuckets buckets = StackBuckets.defaults();
    StackTopics topics = StackTopics.defaults();
    ObjectStoreNode store = objectStore(kind, ports);
    // Ctrl-C during up stops what it started, as a failure does.
    Thread interrupted = new Thread(() -> stopAll(store, progress), "stack-up-interrupted");
    Runtime.getRuntime().addShutdownHook(interrupted);
    try {
      long t0 = System.nanoTime();
      progress.accept("object store: starting " + store.describe());
      ObjectStoreSettings settings = store.start(buckets, START_TIMEOUT);
      progress.accept("object store: ready at " + settings.endpoint() + " (" + seconds(t0) + ")");
      StackState state = new StackState(basePort, kind.name(), settings.endpoint().toString(), settings.region(),
          settings.accessKey(), settings.secretKey(), buckets, topics, null, "127.0.0.1:" + ports.zookeeper(),
          BridgeNode.USER, null, "imagestore-stack-" + RandomSecrets.hex(4), null, null);
      saveState(state);

      t0 = System.nanoTime();
      ZooKeeperNode zooKeeper = new ZooKeeperNode(layout, processes, runtimes, ports.zookeeper());
      zooKeeper.start();
      zooKeeper.awaitReady(START_TIMEOUT);
      progress.accept("zookeeper: ready at " + zooKeeper.quorum() + " (" + seconds(t0) + ")");

      t0 = System.nanoTime();
      KafkaBrokers kafka = new KafkaBrokers(layout, processes, runtimes, ports);
      kafka.format();
      kafka.startAll();
      kafka.awaitBrokers(StackPorts.KAFKA_BROKERS, START_TIMEOUT);
      kafka.createTopics(topics.all(), topics.partitions(), START_TIMEOUT);
      state = state.withKafka(kafka.bootstrap());
      saveState(state);
      progress.accept("kafka: 3 brokers at " + kafka.bootstrap() + ", topics " + topics.all() + " (replication "
          + KafkaBrokers.REPLICATION + ", min.insync.replicas " + KafkaBrokers.MIN_IN_SYNC + ") (" + seconds(t0) + ")");

      t0 = System.nanoTime();
      FlinkCluster flink = new FlinkCluster(layout, processes, runtimes, ports);
      flink.configure(settings, buckets, zooKeeper.quorum());
      for (int j = 1; j <= StackPorts.JOB_MANAGERS; j++) {
        flink.startJobManager(j);
      }
      for (int t = 1; t <= 2; t++) {
        flink.startTaskManager(t);
      }
      flink.awaitSlots(2 * FlinkCluster.SLOTS_PER_TASK_MANAGER, START_TIMEOUT);
      progress.accept("flink: 2 JobManagers (ZooKeeper HA), 2 TaskManagers × " + FlinkCluster.SLOTS_PER_TASK_MANAGER
          + " slots, web UI " + flink.rest().base() + " (" + seconds(t0) + ")");

      t0 = System.nanoTime();
      BridgeNode bridge = new BridgeNode(layout, processes, runtimes, ports);
      String password = bridge.createAccount();
      bridge.start(settings, buckets, kafka.bootstrap(), topics.uploads());
      bridge.awaitReady(START_TIMEOUT);
      state = state.withFtpPassword(password);
      saveState(state);
      progress.accept("bridge: ftp://" + BridgeNode.USER + "@127.0.0.1:" + ports.ftp() + " (" + seconds(t0) + ")");
      ConfigFiles.writePrivate(layout.envFile(), envFile(state));
      return state;
    } catch (RuntimeException e) {
      progress.accept("up failed: " + e.getMessage() + " — stopping what was started");
      stopAll(store, progress);
      throw e;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(interrupted);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running: it stops the stack
      }
    }
  }

  /** Stops every process {@code up} recorded (by PID), the object store last. */
  public void down(Consumer<String> progress) {
    ObjectStoreNode store = StackState.load(layout.stateFile()).map(this::objectStore).orElse(null);
    stopAll(store, progress);
  }

  private void stopAll(ObjectStoreNode store, Consumer<String> progress) {
    List<String> order = new ArrayList<>();
    order.add(BridgeNode.NAME);
    processes.recorded().stream().filter(n -> n.startsWith("taskmanager-")).forEach(order::add);
    processes.recorded().stream().filter(n -> n.startsWith("jobmanager-")).forEach(order::add);
    processes.recorded().stream().filter(n -> n.startsWith("kafka-")).forEach(order::add);
    order.add(ZooKeeperNode.NAME);
    order.add(S3ServerNode.NAME);
    processes.recorded().stream().filter(n -> !order.contains(n)).forEach(order::add);
    for (String name : order) {
      if (processes.stop(name, STOP_GRACE)) {
        progress.accept("stopped " + name);
      }
    }
    if (store instanceof CephNode ceph && ceph.isRunning()) {
      ceph.stop();
      progress.accept("stopped ceph (its data dir removed by the Ceph script)");
    }
  }

  /** One line per component: whether its process runs, and where. */
  public List<String> status() {
    StackState state = state();
    StackPorts ports = state.ports();
    List<String> lines = new ArrayList<>();
    Map<String, String> where = new LinkedHashMap<>();
    where.put(ZooKeeperNode.NAME, state.zooKeeperQuorum());
    for (int b = 1; b <= StackPorts.KAFKA_BROKERS; b++) {
      where.put(KafkaBrokers.name(b), "127.0.0.1:" + ports.kafka(b));
    }
    for (int j = 1; j <= StackPorts.JOB_MANAGERS; j++) {
      where.put(FlinkCluster.jobManager(j), "http://127.0.0.1:" + ports.jobManagerRest(j));
    }
    processes.recorded().stream().filter(n -> n.startsWith("taskmanager-")).forEach(n -> where.put(n, ""));
    where.put(BridgeNode.NAME, "ftp://127.0.0.1:" + ports.ftp());
    if (ObjectStoreKind.valueOf(state.objectStore()) == ObjectStoreKind.S3PROXY) {
      where.put(S3ServerNode.NAME, state.s3Endpoint());
    }
    where.forEach((name, address) -> lines.add(String.format("%-14s %-8s %s", name,
        processes.find(name).map(p -> "pid " + p.pid()).orElse("DOWN"), address)));
    if (ObjectStoreKind.valueOf(state.objectStore()) == ObjectStoreKind.CEPH) {
      lines.add(String.format("%-14s %-8s %s", "ceph", objectStore(state).isRunning() ? "up" : "DOWN", state.s3Endpoint()));
    }
    return lines;
  }

  private String envFile(StackState state) {
    return String.join("\n",
        "# The standalone stack's endpoints (bin/imagestore stack up); source it: set -a; . " + layout.envFile(),
        "IMAGESTORE_FTP_HOST=127.0.0.1",
        "IMAGESTORE_FTP_PORT=" + state.ports().ftp(),
        "IMAGESTORE_FTP_USER=" + state.ftpUser(),
        "IMAGESTORE_FTP_PASSWORD=" + state.ftpPassword(),
        "KAFKA_BOOTSTRAP=" + state.kafkaBootstrap(),
        "IMAGESTORE_S3_ENDPOINT=" + state.s3Endpoint(),
        "AWS_REGION=" + state.s3Region(),
        "AWS_ACCESS_KEY_ID=" + state.s3AccessKey(),
        "AWS_SECRET_ACCESS_KEY=" + state.s3SecretKey(),
        "FLINK_REST=http://127.0.0.1:" + state.ports().jobManagerRest(1),
        "");
  }

  static String seconds(long startNanos) {
    return String.format("%.1f s", (System.nanoTime() - startNanos) / 1e9);
  }
}
