package io.imagestore.job.runner;

import io.imagestore.config.ConfigException;
import io.imagestore.job.config.JobConfig;
import io.imagestore.job.job.FlinkSettings;
import io.imagestore.job.job.ImagestoreJob;
import io.imagestore.job.sink.TransactionTimeoutCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.plugin.PluginUtils;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the job on a Flink MiniCluster inside this JVM — the embedded quick start and the
 * integration tests. State lives where the config says (checkpoints and savepoints on the object
 * store), so a new runner on the same config continues where the last one stopped:
 *
 * <ul>
 *   <li>{@link #close()} stops with a savepoint (which also commits the last Kafka transactions);
 *       the next start restores from it.
 *   <li>After a crash (the JVM killed) the retained checkpoints remain; the next start restores
 *       from the newest complete one.
 * </ul>
 *
 * Needs flink-s3-fs-presto on the classpath for {@code s3p://} state locations.
 */
public final class LocalJobRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalJobRunner.class);
  private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration STOP_TIMEOUT = Duration.ofMinutes(2);

  private final JobConfig config;
  private final MiniCluster cluster;
  private final JobID jobId;
  private final String restoredFrom;
  private boolean closed;

  private LocalJobRunner(JobConfig config, MiniCluster cluster, JobID jobId, String restoredFrom) {
    this.config = config;
    this.cluster = cluster;
    this.jobId = jobId;
    this.restoredFrom = restoredFrom;
  }

  /**
   * Starts a MiniCluster with {@code config.parallelism()} slots, temporary files under {@code
   * workDir}, and submits the job — restored from the newest retained checkpoint or savepoint
   * under the configured state locations, if there is one. Returns once every task runs.
   *
   * @throws io.imagestore.job.config.ConfigException when the Kafka transaction timeout does not
   *     fit the checkpoint and restart settings or the broker's limit
   */
  public static LocalJobRunner start(JobConfig config, Path workDir) throws Exception {
    return start(ImagestoreJob.withKafka(config), config, workDir);
  }

  /** {@link #start(JobConfig, Path)} with another wiring of the job, e.g. with an operator that injects faults. */
  public static LocalJobRunner start(ImagestoreJob job, JobConfig config, Path workDir) throws Exception {
    Configuration conf = prepare(config, workDir);
    Optional<String> restore = RestorePoints.newest(config.checkpoints().directory(), config.checkpoints().savepointDirectory());
    return submit(job, config, conf, restore);
  }

  /**
   * Starts the job from {@code savepoint} (any file system Flink knows, e.g. {@code file:///…}),
   * whatever the configured state locations hold — as {@code flink run -s <savepoint>} does. Every
   * piece of state in it must map to an operator of the job ({@code --allow-non-restored-state}
   * is never set): a changed or removed uid fails the start instead of dropping that state.
   */
  public static LocalJobRunner startFromSavepoint(ImagestoreJob job, JobConfig config, Path workDir, String savepoint)
      throws Exception {
    Configuration conf = prepare(config, workDir);
    return submit(job, config, conf, Optional.of(savepoint));
  }

  private static Configuration prepare(JobConfig config, Path workDir) throws Exception {
    TransactionTimeoutCheck.verify(config, Duration.ofSeconds(10));
    Configuration conf = clusterConfiguration(config, workDir);
    // The MiniCluster does not set up file systems itself; this makes s3p:// known (from the
    // plugins dir when there is one, else from the classpath) with the store's endpoint and keys.
    FileSystem.initialize(conf, PluginUtils.createPluginManagerFromRootFolder(conf));
    return conf;
  }

  private static LocalJobRunner submit(ImagestoreJob job, JobConfig config, Configuration conf, Optional<String> restore)
      throws Exception {
    MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
        .setConfiguration(conf)
        .setNumTaskManagers(1)
        .setNumSlotsPerTaskManager(config.parallelism())
        .build());
    try {
      cluster.start();
      StreamExecutionEnvironment env = new StreamExecutionEnvironment(conf);
      job.build(env);
      JobGraph jobGraph = env.getStreamGraph().getJobGraph();
      // allowNonRestoredState false: state of an operator the job no longer has fails the start.
      restore.ifPresent(path -> jobGraph.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(path, false)));
      JobID jobId = cluster.submitJob(jobGraph).get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).getJobID();
      LocalJobRunner runner = new LocalJobRunner(config, cluster, jobId, restore.orElse(null));
      runner.awaitRunning();
      LOG.info("imagestore job {} running{}", jobId, restore.map(p -> ", restored from " + p).orElse(""));
      return runner;
    } catch (Exception | Error e) {
      try {
        cluster.close();
      } catch (Exception suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  static Configuration clusterConfiguration(JobConfig config, Path workDir) throws java.io.IOException {
    Path tmp = Files.createDirectories(workDir.resolve("tmp"));
    Path web = Files.createDirectories(workDir.resolve("web"));
    Configuration conf = FlinkSettings.job(config);
    conf.addAll(FlinkSettings.s3FileSystem(config.objectStore()));
    conf.set(CoreOptions.TMP_DIRS, tmp.toString());
    conf.set(WebOptions.TMP_DIR, web.toString());
    conf.set(WebOptions.UPLOAD_DIR, web.toString());
    conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
    conf.set(RestOptions.BIND_PORT, "0");
    conf.set(TaskManagerOptions.NUM_TASK_SLOTS, config.parallelism());
    return conf;
  }

  public JobID jobId() {
    return jobId;
  }

  /** The MiniCluster's REST API, as the Flink web UI and CLI use it. */
  public java.net.URI restAddress() {
    try {
      return cluster.getRestAddress().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking for the REST address", e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("the MiniCluster has no REST address", e);
    }
  }

  /** The checkpoint or savepoint this run restored from, empty for a fresh start. */
  public Optional<String> restoredFrom() {
    return Optional.ofNullable(restoredFrom);
  }

  /** The job's current status; FAILED or FINISHED jobs report through {@link JobResult}. */
  public JobStatus status() throws Exception {
    return cluster.getJobStatus(jobId).get(10, TimeUnit.SECONDS);
  }

  /** The failure that last restarted (or failed) the job, as text; empty if it never failed. */
  public Optional<String> lastFailure() throws Exception {
    AccessExecutionGraph graph = cluster.getExecutionGraph(jobId).get(10, TimeUnit.SECONDS);
    return Optional.ofNullable(graph.getFailureInfo()).map(info -> info.getExceptionAsString());
  }

  /** The failure that last restarted or failed the job, with its time and innermost cause. */
  public Optional<JobFailure> lastFailureDetail() throws Exception {
    AccessExecutionGraph graph = cluster.getExecutionGraph(jobId).get(10, TimeUnit.SECONDS);
    return Optional.ofNullable(graph.getFailureInfo()).map(info -> new JobFailure(
        Instant.ofEpochMilli(info.getTimestamp()), JobExceptionHistory.rootCause(info.getExceptionAsString()), ""));
  }

  /**
   * Stops the job with a savepoint under the configured savepoint directory, then the cluster. If
   * the savepoint cannot be taken (e.g. the job is failing), the job is cancelled instead; its
   * retained checkpoints stay for the next start.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      String savepoint = stopWithCanonicalSavepoint(config.checkpoints().savepointDirectory());
      LOG.info("imagestore job {} stopped with savepoint {}", jobId, savepoint);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.warn("interrupted while stopping job {} with a savepoint; its retained checkpoints stay", jobId);
    } catch (Exception e) {
      LOG.warn("stop-with-savepoint of job {} failed ({}); cancelling, retained checkpoints stay", jobId, e.toString());
      await("cancel", cluster.cancelJob(jobId));
    } finally {
      await("result", cluster.requestJobResult(jobId));
      try {
        cluster.close();
      } catch (Exception e) {
        LOG.warn("MiniCluster did not shut down cleanly: {}", e.toString());
      }
    }
  }

  /**
   * Stops the job with a canonical savepoint under {@code directory} and then the cluster, and
   * returns the savepoint's path; unlike {@link #close()}, a failed savepoint is an exception.
   */
  public synchronized String stopWithSavepoint(String directory) throws Exception {
    if (closed) {
      throw new IllegalStateException("imagestore job " + jobId + " is already stopped");
    }
    closed = true;
    try {
      return stopWithCanonicalSavepoint(directory);
    } catch (Exception e) {
      await("cancel", cluster.cancelJob(jobId));
      throw e;
    } finally {
      await("result", cluster.requestJobResult(jobId));
      cluster.close();
    }
  }

  /** Canonical, not native: it restores on either state backend and is what upgrades start from. */
  private String stopWithCanonicalSavepoint(String directory) throws Exception {
    return cluster.stopWithSavepoint(jobId, directory, false, SavepointFormatType.CANONICAL)
        .get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Cancels the job without a savepoint (its retained checkpoints stay), then stops the cluster:
   * for runs whose state is thrown away, where a savepoint would only wait behind a backlog.
   */
  public synchronized void cancel() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      await("cancel", cluster.cancelJob(jobId));
      await("result", cluster.requestJobResult(jobId));
    } finally {
      try {
        cluster.close();
      } catch (Exception e) {
        LOG.warn("MiniCluster did not shut down cleanly: {}", e.toString());
      }
    }
  }

  private void await(String what, java.util.concurrent.Future<?> future) {
    if (Thread.currentThread().isInterrupted()) {
      return;
    }
    try {
      future.get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.debug("{} of job {}: {}", what, jobId, e.toString());
    }
  }

  /**
   * Shuts the cluster down without a savepoint or cancellation — what a killed process leaves
   * behind (retained checkpoints only). For tests of the restart path.
   */
  synchronized void halt() throws Exception {
    if (closed) {
      return;
    }
    closed = true;
    cluster.close();
  }

  private void awaitRunning() throws Exception {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      JobStatus status = cluster.getJobStatus(jobId).get(10, TimeUnit.SECONDS);
      if (status.isGloballyTerminalState()) {
        JobResult result = cluster.requestJobResult(jobId).get(10, TimeUnit.SECONDS);
        Throwable cause = result.getSerializedThrowable()
            .map(t -> (Throwable) t.deserializeError(getClass().getClassLoader())).orElse(null);
        throw new IllegalStateException("imagestore job " + jobId + " ended while starting: " + status, cause);
      }
      if (status == JobStatus.RUNNING && allTasksRunning()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("imagestore job " + jobId + " not running after " + START_TIMEOUT);
  }

  private boolean allTasksRunning() throws Exception {
    AccessExecutionGraph graph = cluster.getExecutionGraph(jobId).get(10, TimeUnit.SECONDS);
    for (AccessExecutionVertex vertex : graph.getAllExecutionVertices()) {
      if (vertex.getExecutionState() != ExecutionState.RUNNING) {
        return false;
      }
    }
    return true;
  }
}
