package io.imagestore.cli.local;

import io.imagestore.job.config.JobConfig;
import io.imagestore.job.config.StateSettings;
import io.imagestore.job.runner.JobWatcher;
import io.imagestore.job.runner.LocalJobRunner;
import io.imagestore.stack.StackComponent;
import io.imagestore.stack.StackEndpoints;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Flink job on a MiniCluster inside the local JVM. Its state lives in the stack's S3 server,
 * so a restart on the same data dir restores the dedup state (from the savepoint taken on Ctrl-C,
 * or from the newest retained checkpoint after a crash).
 */
public final class FlinkJobComponent implements StackComponent {
  /**
   * Records become visible to read_committed consumers when a checkpoint commits their
   * transaction: a short interval keeps the quick start responsive (production default: 10 s).
   */
  static final Duration LOCAL_CHECKPOINT_INTERVAL = Duration.ofSeconds(2);

  /** How often the job's status and failures are read for the console. */
  static final Duration WATCH_INTERVAL = Duration.ofSeconds(1);

  private final Path workDir;
  private final JobWatcher.Listener health;
  private LocalJobRunner runner;
  private JobWatcher watcher;

  public FlinkJobComponent(Path workDir, JobWatcher.Listener health) {
    this.workDir = workDir;
    this.health = health;
  }

  @Override
  public String name() {
    return "flink-job";
  }

  @Override
  public void start(StackEndpoints endpoints) throws Exception {
    JobConfig config = StackJobConfigs.forStack(endpoints)
        .withCheckpointInterval(LOCAL_CHECKPOINT_INTERVAL)
        // Heap state: a quick start holds a few thousand hashes, and needs no native library.
        .withState(StateSettings.onHeap());
    runner = LocalJobRunner.start(config, workDir);
    watcher = JobWatcher.start(runner, WATCH_INTERVAL, health);
  }

  @Override
  public Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("IMAGESTORE_JOB_ID", runner.jobId().toHexString());
    env.put("IMAGESTORE_JOB_RESTORED_FROM", runner.restoredFrom().orElse(""));
    return env;
  }

  @Override
  public void close() {
    if (watcher != null) {
      watcher.close();
    }
    if (runner != null) {
      runner.close();
    }
  }
}
