package io.imagestore.stack;

import io.imagestore.objectstore.ObjectStoreSettings;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the embedded stack starts and where. Port 0 picks free ports (tests); the defaults suit a
 * developer machine. Everything binds to {@code host}, loopback by default: the embedded stack is
 * for one machine, not a network.
 *
 * <p>With {@link #withObjectStore} the stack uses an object store that runs elsewhere (Ceph RGW,
 * for one) instead of starting its own S3 server; {@code s3Port}, {@code accessKey} and {@code
 * secretKey} then do not apply. The buckets are created there if missing, as on the embedded one.
 *
 * @param externalObjectStore null for the embedded S3 server
 */
public record StackSettings(
    Path dataDir,
    String host,
    int kafkaPort,
    int s3Port,
    int partitions,
    Topics topics,
    Buckets buckets,
    String accessKey,
    String secretKey,
    ObjectStoreSettings externalObjectStore) {

  public static final int DEFAULT_KAFKA_PORT = 9092;
  public static final int DEFAULT_S3_PORT = 9000;
  public static final int DEFAULT_PARTITIONS = 4;
  // Fixed keys so a restart on the same data dir keeps working with the same stack.env; the
  // server only listens on loopback.
  public static final String DEFAULT_ACCESS_KEY = "imagestore";
  public static final String DEFAULT_SECRET_KEY = "imagestore-local-secret";

  /** Settings with the embedded S3 server. */
  public StackSettings(Path dataDir, String host, int kafkaPort, int s3Port, int partitions, Topics topics,
      Buckets buckets, String accessKey, String secretKey) {
    this(dataDir, host, kafkaPort, s3Port, partitions, topics, buckets, accessKey, secretKey, null);
  }

  public StackSettings {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
    }
    checkPort(kafkaPort, "Kafka");
    checkPort(s3Port, "S3");
  }

  /** Developer defaults: Kafka on 9092, S3 on 9000, 4 partitions per topic. */
  public static StackSettings defaults(Path dataDir) {
    return new StackSettings(
        dataDir, "127.0.0.1", DEFAULT_KAFKA_PORT, DEFAULT_S3_PORT, DEFAULT_PARTITIONS,
        Topics.defaults(), Buckets.defaults(), DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY);
  }

  /** Free ports everywhere: for tests that run beside other stacks. */
  public static StackSettings ephemeral(Path dataDir) {
    return defaults(dataDir).withPorts(0, 0);
  }

  public StackSettings withPorts(int kafka, int s3) {
    return new StackSettings(dataDir, host, kafka, s3, partitions, topics, buckets, accessKey, secretKey,
        externalObjectStore);
  }

  public StackSettings withPartitions(int count) {
    return new StackSettings(dataDir, host, kafkaPort, s3Port, count, topics, buckets, accessKey, secretKey,
        externalObjectStore);
  }

  public StackSettings withBuckets(Buckets names) {
    return new StackSettings(dataDir, host, kafkaPort, s3Port, partitions, topics, names, accessKey, secretKey,
        externalObjectStore);
  }

  /** Use this object store instead of starting the embedded S3 server. */
  public StackSettings withObjectStore(ObjectStoreSettings external) {
    if (external == null) {
      throw new IllegalArgumentException("external object store settings are missing");
    }
    return new StackSettings(dataDir, host, kafkaPort, s3Port, partitions, topics, buckets, accessKey, secretKey,
        external);
  }

  /** The external object store, or empty when the stack starts its own S3 server. */
  public Optional<ObjectStoreSettings> objectStore() {
    return Optional.ofNullable(externalObjectStore);
  }

  public Path stackEnvFile() {
    return dataDir.resolve("stack.env");
  }

  private static void checkPort(int port, String what) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(what + " port out of range: " + port);
    }
  }
}
