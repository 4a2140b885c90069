package io.imagestore.system.ceph;

import io.imagestore.bridge.BridgeConfig;
import io.imagestore.bridge.IngestBridge;
import io.imagestore.bridge.UsersFile;
import io.imagestore.job.config.BucketNames;
import io.imagestore.job.config.CheckpointSettings;
import io.imagestore.job.config.ImageLimitSettings;
import io.imagestore.job.config.JobConfig;
import io.imagestore.job.config.ProfileCatalog;
import io.imagestore.job.config.RenditionSettings;
import io.imagestore.job.config.RestartSettings;
import io.imagestore.job.runner.LocalJobRunner;
import io.imagestore.objectstore.ObjectStoreSettings;
import io.imagestore.objectstore.S3Clients;
import io.imagestore.stack.Buckets;
import io.imagestore.stack.LocalStack;
import io.imagestore.stack.ObjectStoreBuckets;
import io.imagestore.stack.StackEndpoints;
import io.imagestore.stack.StackSettings;
import io.imagestore.system.load.FtpCamera;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The whole pipeline on an external object store: embedded Kafka, the real FTP bridge and the real
 * job on a MiniCluster, with buckets of its own on that store. Stopping is in two steps, so the
 * results can be audited after the job has committed its last transaction but before the buckets
 * go: {@link #stopProcessing()}, then {@link #close()}.
 */
final class RgwPipeline implements AutoCloseable {
  static final String USER = "camera-load";
  /**
   * Originals above this are rejected by the job unread (FILE_TOO_LARGE): the 200 MB multipart
   * scenario checks storage, not decoding, and must not make the job download 200 MB.
   */
  static final long JOB_MAX_BYTES = 64L * 1024 * 1024;
  /** Small images: parallelism 2 on 2 shared cores, the suite's budget is minutes. */
  private static final int PARALLELISM = 2;

  private final LocalStack stack;
  private final S3Client s3;
  private final String password;
  private IngestBridge bridge;
  private LocalJobRunner job;
  private JobConfig jobConfig;

  private RgwPipeline(LocalStack stack, String password) {
    this.stack = stack;
    this.password = password;
    this.s3 = S3Clients.create(stack.endpoints().objectStore(), 8);
  }

  static RgwPipeline start(ObjectStoreSettings objectStore, Path workDir) throws Exception {
    StackSettings settings = StackSettings.ephemeral(workDir.resolve("stack"))
        .withPartitions(PARALLELISM)
        .withObjectStore(objectStore)
        .withBuckets(Buckets.unique());
    LocalStack stack = LocalStack.start(settings);
    String password = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    RgwPipeline pipeline = new RgwPipeline(stack, password);
    try {
      StackEndpoints endpoints = stack.endpoints();
      Path users = workDir.resolve("users.txt");
      UsersFile.addUser(users, USER, password, null);
      pipeline.jobConfig = jobConfig(endpoints);
      pipeline.job = LocalJobRunner.start(pipeline.jobConfig, workDir.resolve("job"));
      pipeline.bridge = IngestBridge.start(BridgeConfig.builder()
          .port(0)
          .usersFile(users)
          .objectStore(endpoints.objectStore())
          .bucket(endpoints.buckets().originals())
          .kafkaBootstrap(endpoints.kafkaBootstrap())
          .uploadsTopic(endpoints.topics().uploads())
          .bridgeInstance("ceph-suite")
          .build());
      return pipeline;
    } catch (Exception | Error e) {
      try {
        pipeline.stopProcessing();
        pipeline.close();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /** Parallelism 2, 1 s checkpoints on RGW, transactional ids unique to this run. */
  private static JobConfig jobConfig(StackEndpoints endpoints) {
    String state = endpoints.buckets().state();
    String run = "ceph-suite-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    JobConfig base = JobConfig.defaults(endpoints.kafkaBootstrap(), endpoints.objectStore())
        .withBuckets(new BucketNames(endpoints.buckets().originals(), endpoints.buckets().renditions(), state));
    return base
        .withKafka(base.kafka()
            .withTopics(endpoints.topics().uploads(), endpoints.topics().metadata(), endpoints.topics().rejects())
            .withConsumerGroup("job-" + run)
            .withTransactionalIdPrefix(run)
            .withTransactionTimeout(Duration.ofMinutes(3)))
        .withCheckpoints(new CheckpointSettings(Duration.ofSeconds(1), Duration.ofSeconds(30),
            "s3p://" + state + "/checkpoints", "s3p://" + state + "/savepoints"))
        .withRestart(new RestartSettings(10, Duration.ofSeconds(1)))
        .withLimits(new ImageLimitSettings(ImageLimitSettings.defaults().maxPixels(), JOB_MAX_BYTES))
        .withParallelism(PARALLELISM);
  }

  /** A camera on this pipeline's bridge: 10 attempts per file, 500 ms apart. */
  FtpCamera camera() {
    return new FtpCamera(bridge.host(), bridge.port(), USER, password, 10, Duration.ofMillis(500));
  }

  StackEndpoints endpoints() {
    return stack.endpoints();
  }

  S3Client s3() {
    return s3;
  }

  String originalsPrefix() {
    return bridge.config().originalsPrefix();
  }

  /** The renditions the job makes of every upload here (the default profile's), in order. */
  List<String> renditionNames() {
    return jobConfig.profiles().profile(ProfileCatalog.DEFAULT_PROFILE).renditions().stream()
        .map(RenditionSettings::name).toList();
  }

  /** The bridge's multipart part size: how many parts an upload of a given size becomes. */
  long partSize() {
    return bridge.config().partSize();
  }

  /** Stops the bridge, then the job with a savepoint (committing its last transaction). */
  void stopProcessing() {
    RuntimeException failure = null;
    try {
      if (bridge != null) {
        bridge.close();
      }
    } catch (RuntimeException e) {
      failure = e;
    }
    try {
      if (job != null) {
        job.close();
      }
    } catch (RuntimeException e) {
      if (failure == null) {
        failure = e;
      } else {
        failure.addSuppressed(e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** Deletes this pipeline's buckets (the store is shared) and stops Kafka. */
  @Override
  public void close() {
    try {
      ObjectStoreBuckets.deleteWithContents(s3, stack.settings().buckets().all());
    } finally {
      s3.close();
      stack.close();
    }
  }
}
