package io.imagestore.bridge.health;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What {@code /ready} asks: the FTP listener accepts, the bucket answers a HEAD, a Kafka broker
 * answers a cluster description — each within {@link #TIMEOUT}, so a probe never hangs on the
 * SDK's or the producer's far longer limits. An upload needs all three to end in 226.
 */
public final class ReadinessChecks implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final BooleanSupplier ftpAccepting;
  private final S3Client s3;
  private final String bucket;
  private final Admin admin;

  /**
   * @param kafkaProperties the bridge's extra Kafka properties (security settings); those an
   *     admin client does not know are left out, so it logs no warnings about them
   */
  public ReadinessChecks(BooleanSupplier ftpAccepting, S3Client s3, String bucket, String kafkaBootstrap,
      Map<String, String> kafkaProperties) {
    this.ftpAccepting = ftpAccepting;
    this.s3 = s3;
    this.bucket = bucket;
    Map<String, Object> config = new HashMap<>();
    kafkaProperties.forEach((k, v) -> {
      if (AdminClientConfig.configNames().contains(k)) {
        config.put(k, v);
      }
    });
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap);
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    config.put(AdminClientConfig.CLIENT_ID_CONFIG, "imagestore-bridge-readiness");
    this.admin = Admin.create(config);
  }

  /** Liveness: only the process's own listener, nothing a dependency's outage could fail. */
  public Map<String, HealthCheck> liveness() {
    return Map.of("ftp", this::ftp);
  }

  public Map<String, HealthCheck> readiness() {
    Map<String, HealthCheck> checks = new java.util.LinkedHashMap<>();
    checks.put("ftp", this::ftp);
    checks.put("objectStore", this::objectStore);
    checks.put("kafka", this::kafka);
    return checks;
  }

  private String ftp() {
    return ftpAccepting.getAsBoolean() ? null : "not accepting connections (stopped or draining)";
  }

  private String objectStore() {
    try {
      s3.headBucket(b -> b.bucket(bucket).overrideConfiguration(o -> o.apiCallTimeout(TIMEOUT)));
      return null;
    } catch (SdkException e) {
      return "bucket " + bucket + ": " + e.getMessage();
    }
  }

  private String kafka() {
    try {
      int brokers = admin.describeCluster().nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
      return brokers > 0 ? null : "no broker in the cluster description";
    } catch (TimeoutException e) {
      return "no broker answered within " + TIMEOUT.toSeconds() + " s";
    } catch (ExecutionException e) {
      return e.getCause().toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(2));
  }
}
