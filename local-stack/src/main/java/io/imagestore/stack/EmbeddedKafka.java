package io.imagestore.stack;

import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker in KRaft combined mode (broker + controller, one node) inside this
 * JVM. Data lives under its directory, so a restart on the same directory keeps topics, offsets and
 * transactions. It can be stopped and started again on the same ports to simulate an outage.
 */
public final class EmbeddedKafka implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final Duration TOPIC_READY_TIMEOUT = Duration.ofSeconds(30);

  private final Path dir;
  private final String host;
  private final int brokerPort;
  private int controllerPort;
  private KafkaRaftServer server;

  static {
    // A fatal fault makes the broker end its process with Exit.halt. In-process that process is
    // also the FTP bridge, the Flink job or a test runner: keep the halt (state on disk may be
    // inconsistent), but say why first, or the JVM vanishes without a word.
    Exit.setHaltProcedure((code, message) -> {
      sayWhyTheJvmEnds("halts", code, message);
      Runtime.getRuntime().halt(code);
    });
    Exit.setExitProcedure((code, message) -> {
      sayWhyTheJvmEnds("exits", code, message);
      System.exit(code);
    });
  }

  /**
   * @param port the client port; 0 picks a free one (kept for restarts of this instance). The
   *     controller listens on the next port when {@code port} is fixed and that one is free, else
   *     on another free one (clients never see it: only this node's voter entry names it).
   */
  public EmbeddedKafka(Path dir, String host, int port) {
    this.dir = dir;
    this.host = host;
    this.brokerPort = FreePorts.orPick(port, host);
    this.controllerPort = port == 0 ? FreePorts.pick(host) : FreePorts.preferOrPick(port + 1, host);
  }

  public synchronized EmbeddedKafka start() {
    if (server != null) {
      return this;
    }
    try {
      Files.createDirectories(dir);
      // A controller that cannot bind halts the JVM instead of failing the start; clients never
      // see its port, so a taken one is replaced rather than risked.
      if (!FreePorts.isFree(controllerPort, host)) {
        int taken = controllerPort;
        controllerPort = FreePorts.pick(host);
        LOG.info("kafka controller port {} is taken; using {}", taken, controllerPort);
      }
      Path config = dir.resolve("server.properties");
      Properties props = brokerProperties();
      try (var out = Files.newOutputStream(config)) {
        props.store(out, "imagestore embedded Kafka broker");
      }
      format(config);
      KafkaRaftServer started = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
      started.startup();
      server = started;
      LOG.info("kafka started bootstrap={} dir={}", bootstrapServers(), dir);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare Kafka data dir " + dir, e);
    }
  }

  public String bootstrapServers() {
    return host + ":" + brokerPort;
  }

  public boolean isRunning() {
    return server != null;
  }

  /**
   * Creates the topics if they do not exist yet and waits until every partition has a leader:
   * producing to a partition still electing its leader has lost idempotent batches (KAFKA-15591).
   */
  public void createTopics(Collection<String> names, int partitions) {
    try (Admin admin = admin()) {
      List<NewTopic> topics = names.stream().map(n -> new NewTopic(n, partitions, (short) 1)).toList();
      for (var entry : admin.createTopics(topics).values().entrySet()) {
        try {
          entry.getValue().get(TOPIC_READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("cannot create topic " + entry.getKey(), e.getCause());
          }
        }
      }
      awaitLeaders(admin, Set.copyOf(names));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("Kafka did not create topics " + names + " in time", e);
    }
  }

  public Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
  }

  /** Stops the broker; its data stays, so {@link #start()} brings the same cluster back. */
  @Override
  public synchronized void close() {
    if (server == null) {
      return;
    }
    server.shutdown();
    server.awaitShutdown();
    server = null;
    LOG.info("kafka stopped");
  }

  private Properties brokerProperties() {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@" + host + ":" + controllerPort);
    p.put("listeners", "PLAINTEXT://" + host + ":" + brokerPort + ",CONTROLLER://" + host + ":" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + brokerPort);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", dir.resolve("log").toString());
    p.put("metadata.log.dir", dir.resolve("metadata").toString());
    // One node: every internal topic has a single replica.
    p.put("offsets.topic.replication.factor", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("min.insync.replicas", "1");
    // Fewer internal partitions than the defaults (50): the first consumer group and the first
    // transaction otherwise spend seconds creating them on a 2-core machine.
    p.put("offsets.topic.num.partitions", "4");
    p.put("transaction.state.log.num.partitions", "4");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("auto.create.topics.enable", "false");
    p.put("num.partitions", "1");
    // Long enough for the Flink job's transactions (its timeout must stay below this cap).
    p.put("transaction.max.timeout.ms", "900000");
    return p;
  }

  private void format(Path config) {
    Path metaProperties = dir.resolve("metadata").resolve("meta.properties");
    if (Files.exists(metaProperties)) {
      return;
    }
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    int rc;
    try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
      rc = StorageTool.execute(
          new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", config.toString(), "--ignore-formatted"},
          out);
    }
    if (rc != 0) {
      throw new IllegalStateException("Kafka storage format failed: " + buffer.toString(StandardCharsets.UTF_8));
    }
  }

  /**
   * Surefire's fork and a detached console both lose what is buffered when the JVM halts, so the
   * reason also goes straight to the process's stderr.
   */
  private static void sayWhyTheJvmEnds(String how, int code, String message) {
    String line = "the in-process Kafka broker " + how + " the JVM with status " + code + ": " + message;
    LOG.error(line, new IllegalStateException("Kafka " + how));
    try {
      FileOutputStream err = new FileOutputStream(FileDescriptor.err);
      err.write((line + System.lineSeparator()).getBytes(StandardCharsets.UTF_8));
      err.flush();
    } catch (IOException ignored) {
      // Nothing left to tell it with.
    }
  }

  private static void awaitLeaders(Admin admin, Set<String> names)
      throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + TOPIC_READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get();
        boolean allLed =
            described.values().stream()
                .flatMap(d -> d.partitions().stream())
                .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
        if (allLed) {
          return;
        }
      } catch (ExecutionException e) {
        LOG.debug("topics not described yet: {}", e.getCause().toString());
      }
      Thread.sleep(50);
    }
    throw new TimeoutException("partitions of " + names + " have no leader after " + TOPIC_READY_TIMEOUT);
  }
}
