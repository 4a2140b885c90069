package io.imagestore.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The job on the stack's cluster, handled as a data engineer would: submitted with Flink's own
 * CLI ({@code flink run -d}), savepoints and stop-with-savepoint through the REST API, an
 * upgrade resumed from the savepoint with the newly built jar and/or a changed configuration.
 */
public final class FlinkJobs {
  private static final Pattern JOB_ID = Pattern.compile("JobID ([0-9a-f]{32})");
  static final Duration SAVEPOINT_TIMEOUT = Duration.ofMinutes(5);

  private final Stack stack;
  private final Runtimes runtimes;

  FlinkJobs(Stack stack, Runtimes runtimes) {
    this.stack = stack;
    this.runtimes = runtimes;
  }

  /** The job's configuration the stack submits by default: the compose topology's, with the stack's values. */
  public Path defaultConfig() {
    return stack.projectHome().resolve("docker/config/job.yaml");
  }

  /**
   * {@code flink run -d [-s savepoint] jar --config file [--set k=v …]}; returns the job id.
   * The job's YAML reads its endpoints and keys from the environment, which is the stack's.
   */
  public String submit(Path jar, Path config, List<String> overrides, String savepoint, Consumer<String> progress) {
    StackState state = stack.state();
    // Flink's CLI runs in the data dir: paths given relative to the caller's directory must hold there too.
    jar = jar.toAbsolutePath();
    config = config.toAbsolutePath();
    List<String> args = new ArrayList<>(List.of("run", "-d"));
    if (savepoint != null) {
      args.addAll(List.of("-s", savepoint));
    }
    args.addAll(List.of(jar.toString(), "--config", config.toString()));
    overrides.forEach(o -> args.addAll(List.of("--set", o)));
    String name = "flink-cli";
    Path output = stack.layout().processOutput(name);
    long start = sizeOf(output);
    long t0 = System.nanoTime();
    progress.accept("submit: flink " + String.join(" ", args));
    stack.processes().runToCompletion(name, new JavaCommand("org.apache.flink.client.cli.CliFrontend", runtimes.flink())
        .jvm("-Xmx512m")
        .jvm(StackLogging.options(stack.layout(), name))
        .env(stack.flink().flinkEnv())
        .env(jobEnvironment(state))
        .args(args), Duration.ofMinutes(5));
    String printed = readFrom(output, start);
    Matcher id = JOB_ID.matcher(printed);
    if (!id.find()) {
      throw new StackException("flink run printed no job id; see " + output);
    }
    String jobId = id.group(1);
    stack.saveState(state.withJob(jobId, savepoint != null ? savepoint : state.lastSavepoint()));
    awaitRunning(jobId, Duration.ofMinutes(3));
    progress.accept("submit: job " + jobId + " RUNNING (" + Stack.seconds(t0) + ")");
    return jobId;
  }

  /** The environment docker/config/job.yaml reads (as compose passes it). */
  Map<String, String> jobEnvironment(StackState state) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("KAFKA_BOOTSTRAP", state.kafkaBootstrap());
    env.put("IMAGESTORE_TRANSACTIONAL_ID_PREFIX", state.transactionalIdPrefix());
    env.put("IMAGESTORE_S3_ENDPOINT", state.s3Endpoint());
    env.put("AWS_REGION", state.s3Region());
    env.put("AWS_ACCESS_KEY_ID", state.s3AccessKey());
    env.put("AWS_SECRET_ACCESS_KEY", state.s3SecretKey());
    env.put("IMAGESTORE_ORIGINALS_BUCKET", state.buckets().originals());
    env.put("IMAGESTORE_RENDITIONS_BUCKET", state.buckets().renditions());
    env.put("IMAGESTORE_STATE_BUCKET", state.buckets().state());
    return env;
  }

  /** The job the stack submitted last. */
  public String currentJob() {
    String jobId = stack.state().jobId();
    if (jobId == null) {
      throw new StackException("no job submitted on this stack (bin/imagestore stack submit)");
    }
    return jobId;
  }

  public String jobState(String jobId) throws IOException {
    return stack.flink().rest().get("jobs/" + jobId).path("state").asText();
  }

  public void awaitRunning(String jobId, Duration timeout) {
    Waits.until("job " + jobId + " to run", timeout, () -> {
      String state = jobState(jobId);
      if (state.equals("FAILED") || state.equals("CANCELED") || state.equals("FINISHED")) {
        throw new StackException("job " + jobId + " is " + state + "; see " + stack.layout().logs() + "/jobmanager-*.log");
      }
      return state.equals("RUNNING") && allTasksRunning(jobId);
    });
  }

  private boolean allTasksRunning(String jobId) throws IOException {
    for (JsonNode vertex : stack.flink().rest().get("jobs/" + jobId).path("vertices")) {
      if (!vertex.path("status").asText().equals("RUNNING")) {
        return false;
      }
    }
    return true;
  }

  /** A canonical savepoint (restorable into any state backend); the job runs on. */
  public String savepoint(String jobId, Consumer<String> progress) throws IOException {
    Map<String, Object> body = Map.of("target-directory", savepointDirectory(), "cancel-job", false, "formatType", "CANONICAL");
    String trigger = stack.flink().rest().post("jobs/" + jobId + "/savepoints", body).path("request-id").asText();
    String location = awaitSavepoint(jobId, trigger);
    stack.saveState(stack.state().withJob(jobId, location));
    progress.accept("savepoint: " + location);
    return location;
  }

  /** Stop-with-savepoint: the sources stop, a final canonical savepoint is taken, the job ends FINISHED. */
  public String stopWithSavepoint(String jobId, Consumer<String> progress) throws IOException {
    Map<String, Object> body = Map.of("targetDirectory", savepointDirectory(), "drain", false, "formatType", "CANONICAL");
    String trigger = stack.flink().rest().post("jobs/" + jobId + "/stop", body).path("request-id").asText();
    String location = awaitSavepoint(jobId, trigger);
    Waits.until("job " + jobId + " to finish after its savepoint", Duration.ofMinutes(2),
        () -> jobState(jobId).equals("FINISHED"));
    stack.saveState(stack.state().withJob(jobId, location));
    progress.accept("stopped job " + jobId + " with savepoint " + location);
    return location;
  }

  /** Stop-with-savepoint, then the new jar (and/or config) resumed from it; returns the new job id. */
  public String upgrade(Path jar, Path config, List<String> overrides, Consumer<String> progress) throws IOException {
    String savepoint = stopWithSavepoint(currentJob(), progress);
    return submit(jar, config, overrides, savepoint, progress);
  }

  private String awaitSavepoint(String jobId, String trigger) {
    String[] location = new String[1];
    Waits.until("savepoint " + trigger + " of job " + jobId, SAVEPOINT_TIMEOUT, () -> {
      JsonNode status = stack.flink().rest().get("jobs/" + jobId + "/savepoints/" + trigger);
      if (!status.path("status").path("id").asText().equals("COMPLETED")) {
        return false;
      }
      JsonNode operation = status.path("operation");
      if (operation.has("failure-cause")) {
        throw new StackException("savepoint of job " + jobId + " failed: "
            + operation.path("failure-cause").path("stack-trace").asText().lines().findFirst().orElse("?"));
      }
      location[0] = operation.path("location").asText();
      return true;
    });
    return location[0];
  }

  private String savepointDirectory() {
    return "s3p://" + stack.state().buckets().state() + "/savepoints";
  }

  private static long sizeOf(Path file) {
    try {
      return Files.exists(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  private static String readFrom(Path file, long offset) {
    try {
      byte[] all = Files.readAllBytes(file);
      return new String(all, (int) Math.min(offset, all.length), (int) (all.length - Math.min(offset, all.length)),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StackException("cannot read " + file, e);
    }
  }
}
