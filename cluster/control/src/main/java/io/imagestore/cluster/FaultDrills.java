package io.imagestore.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a fault drill does to a running stack: processes killed as a crash or a lost machine
 * would, brokers stopped and started, Ceph OSDs and RGW taken away — and what it takes to bring
 * each back. Everything acts on the processes {@code up} recorded, never on a name pattern.
 */
public final class FaultDrills {
  private static final String GRANTED = "was granted leadership";

  private final Stack stack;

  public FaultDrills(Stack stack) {
    this.stack = stack;
  }

  /** {@code kill -9} of one of the stack's processes; returns its PID. */
  public long kill(String name) {
    return stack.processes().kill(name);
  }

  /** Starts a TaskManager under the first free number; returns its name. */
  public String startTaskManager() {
    for (int n = 1; n <= StackPorts.TASK_MANAGERS_MAX; n++) {
      String name = FlinkCluster.taskManager(n);
      if (!stack.processes().isRunning(name)) {
        stack.flink().startTaskManager(n);
        return name;
      }
    }
    throw new StackException("all " + StackPorts.TASK_MANAGERS_MAX + " TaskManager slots of this stack run");
  }

  /** TaskManagers that run now. */
  public List<String> taskManagers() {
    return stack.processes().recorded().stream().filter(n -> n.startsWith("taskmanager-"))
        .filter(stack.processes()::isRunning).toList();
  }

  /**
   * The JobManager that leads: the one whose log, since it last started, says its REST endpoint
   * was granted leadership (Flink elects all of a JobManager's components together).
   */
  public String leadingJobManager() {
    List<String> leaders = new ArrayList<>();
    for (int n = 1; n <= StackPorts.JOB_MANAGERS; n++) {
      String name = FlinkCluster.jobManager(n);
      if (stack.processes().isRunning(name) && grantedSinceStart(stack.layout().log(name))) {
        leaders.add(name);
      }
    }
    if (leaders.size() != 1) {
      throw new StackException("cannot tell the leading JobManager: " + leaders.size() + " logs say '" + GRANTED
          + "'; see " + stack.layout().logs() + "/jobmanager-*.log");
    }
    return leaders.get(0);
  }

  private static boolean grantedSinceStart(Path log) {
    try {
      String text = Files.readString(log, StandardCharsets.UTF_8);
      // A restarted JobManager appends to its log: only what follows its last start counts.
      int start = text.lastIndexOf("Starting StandaloneSessionClusterEntrypoint");
      return text.indexOf(GRANTED, Math.max(start, 0)) >= 0;
    } catch (IOException e) {
      return false;
    }
  }

  public void startJobManager(int n) {
    stack.flink().startJobManager(n);
  }

  /** Stops every broker (SIGTERM, as an operator would for maintenance). */
  public void stopBrokers() {
    for (int b = 1; b <= StackPorts.KAFKA_BROKERS; b++) {
      stack.processes().stop(KafkaBrokers.name(b), Stack.STOP_GRACE);
    }
  }

  /** Starts the brokers that do not run and waits until all are registered again. */
  public void startBrokers(Duration timeout) {
    KafkaBrokers kafka = stack.kafka();
    for (int b = 1; b <= StackPorts.KAFKA_BROKERS; b++) {
      if (!kafka.isRunning(b)) {
        kafka.start(b);
      }
    }
    kafka.awaitBrokers(StackPorts.KAFKA_BROKERS, timeout);
  }

  public static String broker(int n) {
    return KafkaBrokers.name(n);
  }

  public boolean onCeph() {
    return Stack.ObjectStoreKind.valueOf(stack.state().objectStore()) == Stack.ObjectStoreKind.CEPH;
  }

  /** {@code kill -9} of osd.N; returns once Ceph marked it down. */
  public void killOsd(int osd) {
    ceph().run(Duration.ofMinutes(2), Map.of(), "stop-osd", Integer.toString(osd));
  }

  public void startOsd(int osd) {
    ceph().run(Duration.ofMinutes(4), Map.of(), "start-osd", Integer.toString(osd));
  }

  /** Stops RGW and starts it again; returns once it answers. */
  public void restartRgw() {
    ceph().run(Duration.ofMinutes(4), Map.of(), "restart-rgw");
  }

  /** Until every placement group is active+clean again; returns the time it took. */
  public Duration awaitCephClean(Duration timeout) {
    long t0 = System.nanoTime();
    ceph().run(timeout.plusSeconds(30), Map.of(), "wait-clean", Long.toString(timeout.toSeconds()));
    return Duration.ofNanos(System.nanoTime() - t0);
  }

  private CephNode ceph() {
    if (!onCeph()) {
      throw new StackException("this stack's object store is not Ceph");
    }
    return (CephNode) stack.objectStore(stack.state());
  }

  /** The TaskManagers that run subtasks of the job's vertex whose name contains {@code vertexName}. */
  public List<String> taskManagersRunning(String jobId, String vertexName) throws IOException {
    FlinkRest rest = stack.flink().rest();
    Optional<String> vertex = Optional.empty();
    for (JsonNode v : rest.get("jobs/" + jobId).path("vertices")) {
      if (v.path("name").asText().contains(vertexName)) {
        vertex = Optional.of(v.path("id").asText());
      }
    }
    String id = vertex.orElseThrow(() -> new StackException("job " + jobId + " has no vertex named *" + vertexName + "*"));
    List<String> hosts = new ArrayList<>();
    for (JsonNode tm : rest.get("jobs/" + jobId + "/vertices/" + id + "/taskmanagers").path("taskmanagers")) {
      String resource = tm.path("taskmanager-id").asText();
      if (!resource.isEmpty() && !hosts.contains(resource)) {
        hosts.add(resource);
      }
    }
    return hosts;
  }
}
