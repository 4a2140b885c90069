package io.imagestore.cli.local;

import io.imagestore.job.config.BucketNames;
import io.imagestore.job.config.JobConfig;
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
final class FlinkJobComponent implements StackComponent {
  /**
   * Records become visible to read_committed consumers when a checkpoint commits their
   * transaction: a short interval keeps the quick start responsive (production default: 10 s).
   */
  static final Duration LOCAL_CHECKPOINT_INTERVAL = Duration.ofSeconds(2);

  private final Path workDir;
  private LocalJobRunner runner;

  FlinkJobComponent(Path workDir) {
    this.workDir = workDir;
  }

  @Override
  public String name() {
    return "flink-job";
  }

  @Override
  public void start(StackEndpoints endpoints) throws Exception {
    JobConfig defaults = JobConfig.defaults(endpoints.kafkaBootstrap(), endpoints.objectStore());
    JobConfig config = defaults
        .withKafka(defaults.kafka().withTopics(
            endpoints.topics().uploads(), endpoints.topics().metadata(), endpoints.topics().rejects()))
        .withBuckets(new BucketNames(
            endpoints.buckets().originals(), endpoints.buckets().renditions(), endpoints.buckets().state()))
        .withCheckpointInterval(LOCAL_CHECKPOINT_INTERVAL);
    runner = LocalJobRunner.start(config, workDir);
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
    if (runner != null) {
      runner.close();
    }
  }
}
