package io.imagestore.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.imagestore.objectstore.ObjectStoreSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code up} set up, kept in {@code stack.json} (owner-only: it holds the stack's keys) for
 * the commands that come after it: addresses, keys, the job that runs and its last savepoint.
 */
public record StackState(
    int basePort,
    String objectStore,
    String s3Endpoint,
    String s3Region,
    String s3AccessKey,
    String s3SecretKey,
    StackBuckets buckets,
    StackTopics topics,
    String kafkaBootstrap,
    String zooKeeperQuorum,
    String ftpUser,
    String ftpPassword,
    String transactionalIdPrefix,
    String jobId,
    String lastSavepoint) {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public ObjectStoreSettings objectStoreSettings() {
    return new ObjectStoreSettings(URI.create(s3Endpoint), s3Region, s3AccessKey, s3SecretKey, true);
  }

  public StackPorts ports() {
    return new StackPorts(basePort);
  }

  public StackState withKafka(String bootstrap) {
    return new StackState(basePort, objectStore, s3Endpoint, s3Region, s3AccessKey, s3SecretKey, buckets, topics,
        bootstrap, zooKeeperQuorum, ftpUser, ftpPassword, transactionalIdPrefix, jobId, lastSavepoint);
  }

  public StackState withFtpPassword(String password) {
    return new StackState(basePort, objectStore, s3Endpoint, s3Region, s3AccessKey, s3SecretKey, buckets, topics,
        kafkaBootstrap, zooKeeperQuorum, ftpUser, password, transactionalIdPrefix, jobId, lastSavepoint);
  }

  public StackState withJob(String id, String savepoint) {
    return new StackState(basePort, objectStore, s3Endpoint, s3Region, s3AccessKey, s3SecretKey, buckets, topics,
        kafkaBootstrap, zooKeeperQuorum, ftpUser, ftpPassword, transactionalIdPrefix, id, savepoint);
  }

  public void save(Path file) {
    try {
      ConfigFiles.writePrivate(file, JSON.writeValueAsString(this));
    } catch (IOException e) {
      throw new StackException("cannot write " + file, e);
    }
  }

  public static Optional<StackState> load(Path file) {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), StackState.class));
    } catch (IOException e) {
      throw new StackException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
