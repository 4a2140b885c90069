package io.imagestore.bridge;

import io.imagestore.bridge.ftp.BridgeFtpServer;
import io.imagestore.bridge.health.ReadinessChecks;
import io.imagestore.bridge.metrics.BridgeMetrics;
import io.imagestore.bridge.metrics.MetricsHttpServer;
import io.imagestore.bridge.namespace.NamespaceStore;
import io.imagestore.bridge.security.BridgeUserManager;
import io.imagestore.bridge.security.VerifiedLoginCache;
import io.imagestore.bridge.upload.InFlightUploads;
import io.imagestore.bridge.upload.ObjectKeys;
import io.imagestore.bridge.upload.StagingJanitor;
import io.imagestore.bridge.upload.TempNames;
import io.imagestore.bridge.upload.UploadCommitter;
import io.imagestore.bridge.upload.UploadEventPublisher;
import io.imagestore.objectstore.S3Clients;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.apache.mina.transport.socket.SocketSessionConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The FTP ingest bridge: an FTP server whose uploads stream into the object store and are
 * announced on Kafka; a {@code 226} means both are durable.
 *
 * <pre>{@code
 * try (IngestBridge bridge = IngestBridge.start(config)) {
 *   // ftp://user:pass@bridge.host():bridge.port()/
 * }
 * }</pre>
 */
public final class IngestBridge implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IngestBridge.class);
  /** How long aborted uploads get to unwind after the grace period before the server stops. */
  private static final Duration ABORT_WAIT = Duration.ofSeconds(10);
  /** First retry of a staging cleanup that failed during an object-store outage (doubles, up to 5 min). */
  private static final Duration STAGING_RETRY = Duration.ofSeconds(5);

  private final BridgeConfig config;
  private final BridgeMetrics metrics;
  private final InFlightUploads inFlight;
  private final Deque<AutoCloseable> resources;
  private final BridgeFtpServer ftp;
  private final MetricsHttpServer metricsHttp;
  private boolean closed;

  private IngestBridge(BridgeConfig config, BridgeMetrics metrics, InFlightUploads inFlight,
      Deque<AutoCloseable> resources, BridgeFtpServer ftp, MetricsHttpServer metricsHttp) {
    this.config = config;
    this.metrics = metrics;
    this.inFlight = inFlight;
    this.resources = resources;
    this.ftp = ftp;
    this.metricsHttp = metricsHttp;
  }

  /**
   * Connects to the object store (the bucket must exist) and Kafka, binds the FTP port and, if
   * configured, the metrics port. Ready for clients on return.
   *
   * @throws IllegalStateException when the bucket is unreachable or a port cannot be bound
   */
  public static IngestBridge start(BridgeConfig config) {
    return start(config, List.of());
  }

  /**
   * {@link #start(BridgeConfig)} with {@code s3Interceptors} on the bridge's S3 client: benchmarks
   * count the requests an upload costs with them.
   */
  public static IngestBridge start(BridgeConfig config, List<ExecutionInterceptor> s3Interceptors) {
    CapacityCheck.check(config, Runtime.getRuntime().maxMemory());
    Deque<AutoCloseable> resources = new ArrayDeque<>();
    try {
      Clock clock = Clock.systemUTC();
      BridgeMetrics metrics = new BridgeMetrics();
      // Each connection may hold one upload; namespace lookups share the pool.
      S3Client s3 = S3Clients.create(config.objectStore().connection(), config.limits().maxConnections() + 8,
          config.objectStoreCalls(), s3Interceptors);
      resources.push(s3);
      try {
        s3.headBucket(b -> b.bucket(config.bucket()));
      } catch (SdkException e) {
        throw new IllegalStateException("objectStore.bucket '" + config.bucket() + "' is not reachable at "
            + config.objectStore().endpoint() + ": " + e.getMessage(), e);
      }
      UploadEventPublisher publisher = new UploadEventPublisher(config.kafkaBootstrap(), config.uploadsTopic(),
          config.kafkaAckTimeout(), config.kafkaProperties());
      resources.push(publisher);
      StagingJanitor janitor = new StagingJanitor(s3, config.bucket(), STAGING_RETRY);
      resources.push(janitor);
      NamespaceStore namespace = new NamespaceStore(s3, config.bucket(), config.namespacePrefix());
      UploadCommitter committer = new UploadCommitter(s3, config.bucket(),
          new ObjectKeys(config.originalsPrefix(), config.stagingPrefix()), namespace, publisher,
          new TempNames(config.tempNamePatterns()), config.bridgeInstance(), clock, janitor, config.commitPolicy());
      BridgeUserManager users = new BridgeUserManager(config.usersFile(),
          new VerifiedLoginCache(Duration.ofMinutes(10), 10_000, clock), metrics::passwordVerified);
      InFlightUploads inFlight = new InFlightUploads();
      BridgeFtpServer ftp = new BridgeFtpServer(config, s3, namespace, committer, users, metrics, inFlight, clock);
      ftp.start();
      resources.push(ftp::stop);
      MetricsHttpServer http = null;
      if (config.metricsPort() != null) {
        ReadinessChecks health = new ReadinessChecks(ftp::accepting, s3, config.bucket(), config.kafkaBootstrap(),
            config.kafkaProperties());
        resources.push(health);
        http = new MetricsHttpServer(config.metricsHost(), config.metricsPort(), metrics, health);
        resources.push(http);
      }
      LOG.info("ingest bridge listening ftp={}:{} metrics={} bucket={} topic={} instance={}", config.host(),
          ftp.port(), http == null ? "off" : config.metricsHost() + ":" + http.port(), config.bucket(),
          config.uploadsTopic(), config.bridgeInstance());
      return new IngestBridge(config, metrics, inFlight, resources, ftp, http);
    } catch (Exception e) {
      closeAll(resources);
      if (e instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("ingest bridge did not start: " + e.getMessage(), e);
    }
  }

  public String host() {
    return config.host();
  }

  public int port() {
    return ftp.port();
  }

  /** The {@code /metrics} port, or -1 when the endpoint is off. */
  public int metricsPort() {
    return metricsHttp == null ? -1 : metricsHttp.port();
  }

  /** The socket settings of each open FTP control connection. */
  List<SocketSessionConfig> controlConnections() {
    return ftp.controlConnections();
  }

  public BridgeMetrics metrics() {
    return metrics;
  }

  public BridgeConfig config() {
    return config;
  }

  /**
   * Graceful stop: no new connections or uploads; uploads in flight get {@code shutdown.grace} to
   * finish (and be published), the rest are aborted (multipart aborted, 451, no event); then the
   * server, the producer and the S3 client close.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    ftp.drain();
    try {
      if (!inFlight.awaitIdle(config.shutdownGrace())) {
        LOG.warn("aborting {} uploads still in flight after {}", inFlight.count(), config.shutdownGrace());
        inFlight.cancelAll();
        inFlight.awaitIdle(ABORT_WAIT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      inFlight.cancelAll();
    }
    closeAll(resources);
    LOG.info("ingest bridge stopped");
  }

  private static void closeAll(Deque<AutoCloseable> resources) {
    while (!resources.isEmpty()) {
      try {
        resources.pop().close();
      } catch (Exception e) {
        LOG.warn("close failed: {}", e.toString());
      }
    }
  }
}
