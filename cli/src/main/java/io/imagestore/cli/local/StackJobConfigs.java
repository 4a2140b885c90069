package io.imagestore.cli.local;

import io.imagestore.job.config.BucketNames;
import io.imagestore.job.config.JobConfig;
import io.imagestore.stack.StackEndpoints;

/** The job's configuration on an embedded stack: its defaults, on the stack's topics and buckets. */
public final class StackJobConfigs {
  private StackJobConfigs() {}

  public static JobConfig forStack(StackEndpoints endpoints) {
    JobConfig defaults = JobConfig.defaults(endpoints.kafkaBootstrap(), endpoints.objectStore());
    return defaults
        .withKafka(defaults.kafka().withTopics(
            endpoints.topics().uploads(), endpoints.topics().metadata(), endpoints.topics().rejects()))
        .withBuckets(new BucketNames(
            endpoints.buckets().originals(), endpoints.buckets().renditions(), endpoints.buckets().state()));
  }
}
