package io.imagestore.cli.bench;

import io.imagestore.cli.bench.BridgeBenchUploads.FtpTarget;
import io.imagestore.cluster.Stack;
import io.imagestore.cluster.StackPorts;
import io.imagestore.cluster.StackState;
import io.imagestore.objectstore.ObjectStoreSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * A standalone stack ({@code imagestore stack up}, then {@code stack submit}): every component its
 * own process — brokers, ZooKeeper, JobManagers, TaskManagers, the object store, the bridge — as
 * in production, on this machine's cores. The bench only uploads and reads; the stack stays up,
 * and each run uploads into a folder of its own, so runs can follow one another.
 */
final class StandalonePipelineTarget implements PipelineTarget {
  /** The job cannot come back from these by itself. */
  private static final Set<String> TERMINAL = Set.of("FAILED", "CANCELED", "FINISHED", "SUSPENDED");
  private static final long STATE_EVERY_NANOS = 2_000_000_000L;

  private final Stack stack;
  private final StackState state;
  private final String jobId;
  private final PrintStream console;
  private String lastJobState = "RUNNING";
  private long lastAsked;

  private StandalonePipelineTarget(Stack stack, StackState state, String jobId, PrintStream console) {
    this.stack = stack;
    this.state = state;
    this.jobId = jobId;
    this.console = console;
  }

  /** The stack recorded in {@code dataDir}; fails unless its job runs. */
  static StandalonePipelineTarget open(Path dataDir, PrintStream console) throws IOException {
    Stack stack = new Stack(Path.of(System.getProperty("imagestore.home", ".")), dataDir);
    StackState state = stack.state();
    String jobId = stack.jobs().currentJob();
    String jobState = stack.jobs().jobState(jobId);
    if (!jobState.equals("RUNNING")) {
      throw new IllegalStateException("the stack's job " + jobId + " is " + jobState
          + ", not RUNNING (bin/imagestore stack --data-dir " + dataDir + " status)");
    }
    return new StandalonePipelineTarget(stack, state, jobId, console);
  }

  @Override
  public String describe() {
    long taskManagers = stack.processes().recorded().stream().filter(n -> n.startsWith("taskmanager-"))
        .filter(stack.processes()::isRunning).count();
    String store = Stack.ObjectStoreKind.valueOf(state.objectStore()) == Stack.ObjectStoreKind.CEPH
        ? "Ceph RGW (EC 2+1 pool)" : "the S3 server";
    return "the standalone stack in " + stack.layout().dataDir() + ": " + StackPorts.KAFKA_BROKERS + " Kafka brokers, a Flink session cluster ("
        + taskManagers + " TaskManagers), " + store + ", the bridge — each its own process; job " + jobId;
  }

  @Override
  public FtpTarget ftp() {
    return new FtpTarget("127.0.0.1", state.ports().ftp(), state.ftpUser(), state.ftpPassword());
  }

  @Override
  public String kafkaBootstrap() {
    return state.kafkaBootstrap();
  }

  @Override
  public String metadataTopic() {
    return state.topics().metadata();
  }

  @Override
  public String rejectsTopic() {
    return state.topics().rejects();
  }

  @Override
  public ObjectStoreSettings objectStore() {
    return state.objectStoreSettings();
  }

  @Override
  public String folder(long run) {
    return "/pipeline-" + run;
  }

  @Override
  public boolean freshTopics() {
    return false;
  }

  @Override
  public PipelineCpu startCpu() {
    return new StackProcessCpu(stack);
  }

  /**
   * Asks the JobManager at most every two seconds. A restart is printed and waited out (the
   * records come once the job is back, exactly once); a terminal state ends the bench.
   */
  @Override
  public synchronized Optional<String> jobProblem() {
    long now = System.nanoTime();
    if (now - lastAsked < STATE_EVERY_NANOS) {
      return Optional.empty();
    }
    lastAsked = now;
    String jobState;
    try {
      jobState = stack.jobs().jobState(jobId);
    } catch (IOException e) {
      // The standby JobManager may be taking over: the stall timeout decides, not one failed GET.
      console.println("  cannot ask the JobManager for the job's state: " + e.getMessage());
      return Optional.empty();
    }
    if (!jobState.equals(lastJobState)) {
      console.println("  the job is " + jobState);
      lastJobState = jobState;
    }
    return TERMINAL.contains(jobState)
        ? Optional.of("the job is " + jobState + "; see " + stack.layout().logs() + "/jobmanager-*.log")
        : Optional.empty();
  }

  @Override
  public void close() {}
}
