package io.imagestore.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagestore.objectstore.ObjectStoreSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Flink standalone session cluster from Maven Central jars (no flink-dist exists there): two
 * JobManagers with ZooKeeper high availability (one leads, one stands by) and TaskManagers with
 * two slots each; RocksDB state; checkpoints, savepoints and HA metadata on the object store
 * through the flink-s3-fs-presto plugin ({@code s3p://}).
 */
public final class FlinkCluster {
  public static final int SLOTS_PER_TASK_MANAGER = 2;
  static final String CLUSTER_ID = "/imagestore";

  private final StackLayout layout;
  private final ManagedProcesses processes;
  private final Runtimes runtimes;
  private final StackPorts ports;
  /** BashJavaUtils' answer per command: the same for every JobManager or TaskManager of a config. */
  private final Map<String, List<String>> resourceParams = new java.util.HashMap<>();

  FlinkCluster(StackLayout layout, ManagedProcesses processes, Runtimes runtimes, StackPorts ports) {
    this.layout = layout;
    this.processes = processes;
    this.runtimes = runtimes;
    this.ports = ports;
  }

  public static String jobManager(int n) {
    return "jobmanager-" + n;
  }

  public static String taskManager(int n) {
    return "taskmanager-" + n;
  }

  Path confDir() {
    return layout.conf().resolve("flink");
  }

  /** The cluster's config.yaml: what every JobManager, TaskManager and the CLI read. */
  void configure(ObjectStoreSettings store, StackBuckets buckets, String zooKeeperQuorum) {
    String state = "s3p://" + buckets.state();
    Path tmp = layout.createDirectories(layout.data("flink-tmp"));
    ConfigFiles.writePrivate(confDir().resolve("config.yaml"), String.join("\n",
        "# Written by bin/imagestore stack up. Flat keys, as Flink 2 accepts in config.yaml.",
        "jobmanager.rpc.address: 127.0.0.1",
        "jobmanager.bind-host: 127.0.0.1",
        "taskmanager.host: 127.0.0.1",
        "taskmanager.bind-host: 127.0.0.1",
        "rest.address: 127.0.0.1",
        "rest.bind-address: 127.0.0.1",
        "jobmanager.memory.process.size: 1024m",
        "taskmanager.memory.process.size: 1536m",
        // TurboJPEG decodes and encodes in native memory, per image being processed: a 24 MP
        // photo is ~72 MB decoded at full scale (less with DCT scaling); per slot, outside the heap.
        "taskmanager.memory.task.off-heap.size: 160m",
        "taskmanager.numberOfTaskSlots: " + SLOTS_PER_TASK_MANAGER,
        "parallelism.default: 2",
        "high-availability.type: zookeeper",
        "high-availability.zookeeper.quorum: " + zooKeeperQuorum,
        "high-availability.zookeeper.path.root: /flink",
        "high-availability.cluster-id: " + CLUSTER_ID,
        "high-availability.storageDir: " + state + "/ha",
        // The stack's ZooKeeper has no SASL; without this the client tries and warns at every connect.
        "zookeeper.sasl.disable: true",
        // A killed leader holds its ZooKeeper session, and so its leadership, until the session
        // expires: 15 s instead of the default 60 s before the standby takes over.
        "high-availability.zookeeper.client.session-timeout: 15000",
        "state.backend.type: rocksdb",
        "execution.checkpointing.incremental: true",
        "execution.checkpointing.dir: " + state + "/checkpoints",
        "execution.checkpointing.savepoint-dir: " + state + "/savepoints",
        "s3.endpoint: " + store.endpoint(),
        "s3.path.style.access: true",
        "s3.access-key: " + store.accessKey(),
        "s3.secret-key: " + store.secretKey(),
        "io.tmp.dirs: " + tmp,
        "web.tmpdir: " + tmp.resolve("web"),
        "web.upload.dir: " + tmp.resolve("uploads"),
        // A lost TaskManager is noticed within 20 s instead of Flink's default 50 s.
        "heartbeat.timeout: 20000",
        "heartbeat.interval: 5000",
        ""));
  }

  void startJobManager(int n) {
    List<String> memory = resourceParams("GET_JM_RESOURCE_PARAMS");
    processes.start(jobManager(n), new JavaCommand(
        "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint", runtimes.flink())
        .jvm(jvmParams(memory))
        .jvm(StackLogging.options(layout, jobManager(n)))
        .env(flinkEnv())
        .args("--configDir", confDir().toString())
        .args(dynamicProperties(memory))
        .args("-D", "rest.port=" + ports.jobManagerRest(n),
            "-D", "high-availability.jobmanager.port=" + ports.jobManagerRpc(n),
            "-D", "blob.server.port=" + ports.blobServer(n)));
  }

  public void startTaskManager(int n) {
    if (n > StackPorts.TASK_MANAGERS_MAX) {
      throw new StackException("at most " + StackPorts.TASK_MANAGERS_MAX + " TaskManagers have ports in this stack");
    }
    List<String> memory = resourceParams("GET_TM_RESOURCE_PARAMS");
    processes.start(taskManager(n), new JavaCommand("org.apache.flink.runtime.taskexecutor.TaskManagerRunner", runtimes.flink())
        .jvm(jvmParams(memory))
        .jvm(StackLogging.options(layout, taskManager(n)))
        .env(flinkEnv())
        .args("--configDir", confDir().toString())
        .args(dynamicProperties(memory))
        .args("-D", "taskmanager.rpc.port=" + ports.taskManagerRpc(n),
            "-D", "taskmanager.data.port=" + ports.taskManagerData(n),
            "-D", "taskmanager.resource-id=" + taskManager(n)));
  }

  /** The environment Flink's processes and its CLI need: the config dir and the S3 plugin. */
  Map<String, String> flinkEnv() {
    return Map.of("FLINK_CONF_DIR", confDir().toString(),
        "FLINK_PLUGINS_DIR", runtimes.flinkPlugins().toString());
  }

  /** The REST API of the JobManager that answers, the leader first if both do. */
  public FlinkRest rest() {
    return answeringRest().orElseThrow(() -> new StackException("no JobManager answers on REST ports "
        + ports.jobManagerRest(1) + "/" + ports.jobManagerRest(2) + "; see " + layout.logs() + "/jobmanager-*.log"));
  }

  Optional<FlinkRest> answeringRest() {
    for (int n = 1; n <= StackPorts.JOB_MANAGERS; n++) {
      if (!processes.isRunning(jobManager(n))) {
        continue;
      }
      FlinkRest rest = new FlinkRest(ports.jobManagerRest(n));
      try {
        rest.get("overview");
        return Optional.of(rest);
      } catch (IOException e) {
        // not up, or not the leader
      }
    }
    return Optional.empty();
  }

  /** Waits until the leading JobManager sees {@code slots} free or used slots. */
  Duration awaitSlots(int slots, Duration timeout) {
    return Waits.until(slots + " task slots registered with the leading JobManager", timeout, () -> {
      processes.recorded().stream().filter(n -> n.startsWith("jobmanager-") || n.startsWith("taskmanager-"))
          .forEach(processes::requireRunning);
      JsonNode overview = rest().get("overview");
      return overview.path("slots-total").asInt() >= slots;
    }, "see " + layout.logs() + "/jobmanager-*.log and taskmanager-*.log");
  }

  /** Runs Flink's BashJavaUtils as the official launch scripts do, for the memory settings. */
  private List<String> resourceParams(String command) {
    return resourceParams.computeIfAbsent(command, this::runBashJavaUtils);
  }

  private List<String> runBashJavaUtils(String command) {
    ProcessBuilder builder = new ProcessBuilder(JavaCommand.javaBinary(), "-cp", runtimes.flink(),
        "org.apache.flink.runtime.util.bash.BashJavaUtils", command, "--configDir", confDir().toString())
        .redirectErrorStream(true);
    builder.environment().putAll(flinkEnv());
    try {
      Process process = builder.start();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new StackException("Flink's BashJavaUtils " + command + " failed: " + new String(out, StandardCharsets.UTF_8));
      }
      List<String> results = new ArrayList<>();
      for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
        if (line.startsWith("BASH_JAVA_UTILS_EXEC_RESULT:")) {
          results.add(line.substring("BASH_JAVA_UTILS_EXEC_RESULT:".length()).strip());
        }
      }
      if (results.size() < 2) {
        throw new StackException("Flink's BashJavaUtils " + command + " printed no memory settings: "
            + new String(out, StandardCharsets.UTF_8));
      }
      return results;
    } catch (IOException e) {
      throw new StackException("cannot run Flink's BashJavaUtils: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("interrupted", e);
    }
  }

  private static List<String> jvmParams(List<String> results) {
    return Arrays.stream(results.get(0).split("\\s+")).filter(s -> !s.isEmpty()).toList();
  }

  private static List<String> dynamicProperties(List<String> results) {
    return Arrays.stream(results.get(1).split("\\s+")).filter(s -> !s.isEmpty()).toList();
  }
}
