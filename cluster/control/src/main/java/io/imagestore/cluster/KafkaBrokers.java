package io.imagestore.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Three Kafka brokers in KRaft combined mode (each broker is also a controller voter), every
 * one its own JVM. Topics are replicated three times with {@code min.insync.replicas=2}: one
 * broker can be lost with no effect on producers using {@code acks=all}.
 */
final class KafkaBrokers {
  static final int REPLICATION = 3;
  static final int MIN_IN_SYNC = 2;

  private final StackLayout layout;
  private final ManagedProcesses processes;
  private final Runtimes runtimes;
  private final StackPorts ports;

  KafkaBrokers(StackLayout layout, ManagedProcesses processes, Runtimes runtimes, StackPorts ports) {
    this.layout = layout;
    this.processes = processes;
    this.runtimes = runtimes;
    this.ports = ports;
  }

  static String name(int broker) {
    return "kafka-" + broker;
  }

  String bootstrap() {
    return IntStream.rangeClosed(1, StackPorts.KAFKA_BROKERS)
        .mapToObj(b -> "127.0.0.1:" + ports.kafka(b))
        .collect(Collectors.joining(","));
  }

  /** Formats each broker's log dirs for one new cluster id (a no-op for dirs already formatted). */
  void format() {
    String clusterId = Uuid.randomUuid().toString();
    for (int b = 1; b <= StackPorts.KAFKA_BROKERS; b++) {
      Path config = writeConfig(b);
      processes.runToCompletion(name(b) + "-format",
          new JavaCommand("kafka.tools.StorageTool", runtimes.kafka())
              .jvm("-Xmx256m")
              .jvm(StackLogging.options(layout, name(b) + "-format"))
              .args("format", "-t", clusterId, "-c", config.toString(), "--ignore-formatted"),
          Duration.ofMinutes(2));
    }
  }

  void start(int broker) {
    processes.start(name(broker), new JavaCommand("kafka.Kafka", runtimes.kafka())
        .jvm("-Xms256m", "-Xmx512m", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20")
        .jvm(StackLogging.options(layout, name(broker)))
        .args(configFile(broker).toString()));
  }

  void startAll() {
    for (int b = 1; b <= StackPorts.KAFKA_BROKERS; b++) {
      start(b);
    }
  }

  boolean isRunning(int broker) {
    return processes.isRunning(name(broker));
  }

  /** Waits until {@code expected} brokers are registered with the controller quorum. */
  Duration awaitBrokers(int expected, Duration timeout) {
    return Waits.until(expected + " Kafka brokers registered on " + bootstrap(), timeout, () -> {
      for (int b = 1; b <= expected; b++) {
        processes.requireRunning(name(b));
      }
      try (Admin admin = admin()) {
        return admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() >= expected;
      }
    }, "see " + layout.logs() + "/kafka-*.log");
  }

  /** Creates the topics that do not exist yet and waits until every partition has its full ISR. */
  void createTopics(Collection<String> topics, int partitions, Duration timeout) {
    try (Admin admin = admin()) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (String topic : topics) {
        if (!existing.contains(topic)) {
          missing.add(new NewTopic(topic, partitions, (short) REPLICATION)
              .configs(Map.of("min.insync.replicas", Integer.toString(MIN_IN_SYNC))));
        }
      }
      if (!missing.isEmpty()) {
        try {
          admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
        }
      }
      // An idempotent producer on a partition without a leader yet can lose a batch
      // (KAFKA-15591): the bridge only starts once every partition is fully replicated.
      Waits.until("every partition of " + topics + " to have a leader and " + REPLICATION + " in-sync replicas", timeout,
          () -> admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).values().stream()
              .flatMap((TopicDescription d) -> d.partitions().stream())
              .allMatch(p -> p.leader() != null && p.isr().size() == REPLICATION));
    } catch (StackException e) {
      throw e;
    } catch (Exception e) {
      throw new StackException("cannot create topics " + topics + " on " + bootstrap() + ": " + e.getMessage(), e);
    }
  }

  Admin admin() {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
    return Admin.create(props);
  }

  private Path configFile(int broker) {
    return layout.conf().resolve(name(broker) + ".properties");
  }

  private Path writeConfig(int broker) {
    String voters = IntStream.rangeClosed(1, StackPorts.KAFKA_BROKERS)
        .mapToObj(b -> b + "@127.0.0.1:" + ports.kafkaController(b))
        .collect(Collectors.joining(","));
    return ConfigFiles.write(configFile(broker), String.join("\n",
        "node.id=" + broker,
        "process.roles=broker,controller",
        "controller.quorum.voters=" + voters,
        "listeners=PLAINTEXT://127.0.0.1:" + ports.kafka(broker) + ",CONTROLLER://127.0.0.1:" + ports.kafkaController(broker),
        "advertised.listeners=PLAINTEXT://127.0.0.1:" + ports.kafka(broker),
        "controller.listener.names=CONTROLLER",
        "inter.broker.listener.name=PLAINTEXT",
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "log.dirs=" + layout.data(name(broker)),
        "num.partitions=4",
        "default.replication.factor=" + REPLICATION,
        "min.insync.replicas=" + MIN_IN_SYNC,
        "offsets.topic.replication.factor=" + REPLICATION,
        "transaction.state.log.replication.factor=" + REPLICATION,
        "transaction.state.log.min.isr=" + MIN_IN_SYNC,
        "auto.create.topics.enable=false",
        "unclean.leader.election.enable=false",
        "group.initial.rebalance.delay.ms=0",
        // The brokers' default, stated: the job's transaction timeout is checked against it.
        "transaction.max.timeout.ms=900000",
        ""));
  }
}
