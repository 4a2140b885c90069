package io.imagestore.bridge.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's counters, in Prometheus form ({@link #scrape()}, served on {@code /metrics}):
 *
 * <ul>
 *   <li>{@code imagestore_uploads_total{outcome}}: ok, pending (temporary name stored), renamed
 *       (published by RNTO), too_large, object_store_error, kafka_error, client_aborted, shutdown;
 *   <li>{@code imagestore_upload_bytes_total}: bytes of uploads that ended ok or pending;
 *   <li>{@code imagestore_uploads_in_flight}: transfers in progress;
 *   <li>{@code imagestore_upload_duration_seconds}: transfer + commit time of successful uploads;
 *   <li>{@code imagestore_logins_total{outcome}}, {@code imagestore_connections_rejected_total{reason}},
 *       {@code imagestore_connections_open};
 *   <li>{@code imagestore_password_verifications_total}: password hashes computed (cache misses,
 *       unknown names included), {@code imagestore_login_lockouts_total{scope}}: bans started, of a
 *       network or of an account.
 * </ul>
 *
 * Every finished upload also gets one log line:
 * {@code upload user=… path=… bytes=… sha256=… durationMs=… outcome=…}.
 */
public final class BridgeMetrics {
  private static final Logger UPLOAD_LOG = LoggerFactory.getLogger("io.imagestore.bridge.uploads");

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Counter bytes;
  private final Timer duration;
  private final Counter passwordVerifications;

  public BridgeMetrics() {
    bytes = Counter.builder("imagestore.upload.bytes").baseUnit("bytes")
        .description("Bytes of stored uploads").register(registry);
    // Buckets from a camera's small JPEG on loopback (~20 ms) to a large file over a slow link:
    // enough for histogram_quantile and SLO alerts without the ~70 default buckets per series.
    duration = Timer.builder("imagestore.upload.duration")
        .description("Transfer and commit time of successful uploads")
        .serviceLevelObjectives(Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60),
            Duration.ofMinutes(5))
        .register(registry);
    passwordVerifications = Counter.builder("imagestore.password.verifications")
        .description("Password hashes computed, for known and unknown names").register(registry);
    Gauge.builder("imagestore.uploads.in.flight", inFlight, AtomicInteger::get)
        .description("Uploads in progress").register(registry);
  }

  public void bindOpenConnections(IntSupplier open) {
    Gauge.builder("imagestore.connections.open", open::getAsInt).register(registry);
  }

  public void bindPreLoginConnections(IntSupplier open) {
    Gauge.builder("imagestore.connections.pre.login", open::getAsInt)
        .description("Control connections not logged in yet").register(registry);
  }

  public void uploadStarted() {
    inFlight.incrementAndGet();
  }

  /** Ends an upload started with {@link #uploadStarted()}: counts it and writes its log line. */
  public void uploadFinished(String user, String path, long byteCount, String sha256, Duration took, String outcome) {
    inFlight.decrementAndGet();
    record(user, path, byteCount, sha256, took, outcome);
  }

  /** Records an upload that was not a transfer (a publishing rename). */
  public void record(String user, String path, long byteCount, String sha256, Duration took, String outcome) {
    Counter.builder("imagestore.uploads").tag("outcome", outcome).register(registry).increment();
    boolean stored = outcome.equals("ok") || outcome.equals("pending");
    if (stored) {
      bytes.increment(byteCount);
    }
    if (stored || outcome.equals("renamed")) {
      duration.record(took);
    }
    String line = "upload user={} path=\"{}\" bytes={} sha256={} durationMs={} outcome={}";
    Object[] args = {user, path.replace("\"", "\\\""), byteCount, sha256 == null ? "-" : sha256, took.toMillis(), outcome};
    if (stored || outcome.equals("renamed")) {
      UPLOAD_LOG.info(line, args);
    } else {
      UPLOAD_LOG.warn(line, args);
    }
  }

  public void login(boolean ok) {
    Counter.builder("imagestore.logins").tag("outcome", ok ? "ok" : "failed").register(registry).increment();
  }

  public void passwordVerified() {
    passwordVerifications.increment();
  }

  public long passwordVerifications() {
    return (long) passwordVerifications.count();
  }

  /** A ban started: {@code scope} is network or account. */
  public void loginLockout(String scope) {
    Counter.builder("imagestore.login.lockouts").tag("scope", scope).register(registry).increment();
  }

  /** A client-caused error on a control connection: connection (reset, broken pipe), tls, line_too_long, undecodable. */
  public void clientError(String kind) {
    Counter.builder("imagestore.client.errors").tag("kind", kind).register(registry).increment();
  }

  public long clientErrors(String kind) {
    Counter c = registry.find("imagestore.client.errors").tag("kind", kind).counter();
    return c == null ? 0 : (long) c.count();
  }

  public void connectionRejected(String reason) {
    Counter.builder("imagestore.connections.rejected").tag("reason", reason).register(registry).increment();
  }

  /** Uploads counted with {@code outcome} so far. */
  public long uploads(String outcome) {
    Counter c = registry.find("imagestore.uploads").tag("outcome", outcome).counter();
    return c == null ? 0 : (long) c.count();
  }

  public long uploadedBytes() {
    return (long) bytes.count();
  }

  public int inFlight() {
    return inFlight.get();
  }

  public long connectionsRejected(String reason) {
    Counter c = registry.find("imagestore.connections.rejected").tag("reason", reason).counter();
    return c == null ? 0 : (long) c.count();
  }

  /** Prometheus text exposition format. */
  public String scrape() {
    return registry.scrape();
  }
}
