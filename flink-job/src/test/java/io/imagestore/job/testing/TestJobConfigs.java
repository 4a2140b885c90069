package io.imagestore.job.testing;

import io.imagestore.job.config.BucketNames;
import io.imagestore.job.config.CheckpointSettings;
import io.imagestore.job.config.JobConfig;
import io.imagestore.job.config.RestartSettings;
import io.imagestore.job.config.StateSettings;
import io.imagestore.stack.StackEndpoints;
import java.time.Duration;

/** Job configurations for tests on the embedded stack: parallelism 2, 1 s checkpoints, quick restarts, heap state. */
public final class TestJobConfigs {
  private TestJobConfigs() {}

  /**
   * A config whose state lives under {@code s3p://<state bucket>/<name>/} and whose transactional
   * ids and consumer group are unique to {@code name}.
   */
  public static JobConfig forStack(StackEndpoints endpoints, String name) {
    String state = endpoints.buckets().state();
    // The stack's own bucket names: on a shared store (Ceph RGW) each test class has its own.
    JobConfig base = JobConfig.defaults(endpoints.kafkaBootstrap(), endpoints.objectStore())
        .withBuckets(new BucketNames(
            endpoints.buckets().originals(), endpoints.buckets().renditions(), state));
    return base
        .withKafka(base.kafka()
            .withTopics(endpoints.topics().uploads(), endpoints.topics().metadata(), endpoints.topics().rejects())
            .withConsumerGroup("job-" + name)
            .withTransactionalIdPrefix("it-" + name)
            .withTransactionTimeout(Duration.ofMinutes(3)))
        .withCheckpoints(new CheckpointSettings(Duration.ofSeconds(1), Duration.ofSeconds(30),
            "s3p://" + state + "/" + name + "/checkpoints", "s3p://" + state + "/" + name + "/savepoints"))
        // As in production (exponential, no lifetime limit), with delays short enough for a test.
        .withRestart(new RestartSettings(Duration.ofMillis(500), Duration.ofSeconds(2), 0.1, Duration.ofMinutes(1),
            RestartSettings.UNLIMITED))
        // Heap state: no native library per test; the RocksDB default has its own tests.
        .withState(StateSettings.onHeap())
        .withParallelism(2);
  }
}
