package io.imagestore.bridge;

import static java.util.Objects.requireNonNullElse;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.imagestore.bridge.upload.CommitPolicy;
import io.imagestore.bridge.upload.CommitPolicy.ContainerCheck;
import io.imagestore.config.ByteSizeDeserializer;
import io.imagestore.config.ConfigException;
import io.imagestore.config.ConfigKeys;
import io.imagestore.config.ConfigReader;
import io.imagestore.objectstore.ObjectStoreSettings;
import io.imagestore.objectstore.S3CallPolicy;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything the bridge needs, in the sections of its YAML file ({@code docs/ingest-bridge.md}
 * lists every key), validated once at construction: a bad value fails start-up with a message
 * naming the key, never an upload later.
 *
 * <p>{@link #load} binds the file to these records with {@link ConfigReader} (Jackson's YAML
 * binding), then {@code IMAGESTORE_FTP_*} environment overrides named after the keys; in code,
 * {@link #builder()}. A missing section or key takes the default its record's creator gives.
 *
 * @param bridgeInstance names this bridge in upload events and metrics; the host name by default
 */
public record BridgeConfig(
    Listen listen,
    Passive passive,
    Users users,
    Tls tls,
    Limits limits,
    Uploads uploads,
    ObjectStore objectStore,
    Kafka kafka,
    String bridgeInstance,
    Metrics metrics,
    Shutdown shutdown) {

  public static final String ENVIRONMENT_PREFIX = "IMAGESTORE_FTP_";
  /** S3's smallest multipart part (all parts but the last). */
  public static final long MIN_PART_SIZE = 5L * 1024 * 1024;
  /** Largest single server-side copy (CopyObject); the staging → original step uses one. */
  public static final long MAX_COPY_SIZE = 5L * 1024 * 1024 * 1024;

  /**
   * Three tries of at most 30 s each (an 8 MiB part takes well under a second on a LAN; a 512 MiB
   * one some seconds), backoff 100 ms to 2 s, and 75 s for a call with its retries: an upload's
   * commit makes a few calls and then waits up to {@code kafka.ackTimeout} for Kafka, within the
   * minutes an FTP client waits for its reply.
   */
  public static final S3CallPolicy DEFAULT_OBJECT_STORE_CALLS = new S3CallPolicy(3, Duration.ofMillis(100),
      Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(75));

  private static final Pattern PREFIX = Pattern.compile("([A-Za-z0-9._-]+/)+");

  public BridgeConfig {
    listen = requireNonNullElse(listen, Listen.DEFAULTS);
    passive = requireNonNullElse(passive, Passive.DEFAULTS);
    if (users == null) {
      throw new ConfigException("users.file", "is required");
    }
    limits = requireNonNullElse(limits, Limits.defaults());
    uploads = requireNonNullElse(uploads, Uploads.DEFAULTS);
    if (objectStore == null) {
      throw new ConfigException("objectStore.endpoint", "is required, with objectStore.accessKey and secretKey");
    }
    if (kafka == null) {
      throw new ConfigException("kafka.bootstrap", "is required");
    }
    if (bridgeInstance == null || bridgeInstance.isBlank()) {
      bridgeInstance = defaultInstanceName();
    }
    metrics = requireNonNullElse(metrics, Metrics.DEFAULTS);
    shutdown = requireNonNullElse(shutdown, Shutdown.DEFAULTS);
    if (limits.maxFileSize() > MAX_COPY_SIZE) {
      throw new ConfigException("limits.maxFileSize", "must be at most 5 GiB (a single server-side copy), got "
          + limits.maxFileSize());
    }
  }

  /** Reads {@code yamlFile}, then applies {@code IMAGESTORE_FTP_*} overrides from {@code env}. */
  public static BridgeConfig load(Path yamlFile, Map<String, String> env) {
    return ConfigReader.of(BridgeConfig.class).environmentOverrides(ENVIRONMENT_PREFIX, env).read(yamlFile);
  }

  /** Every key the file and the environment understand, in the order of these records. */
  public static Set<String> keys() {
    return ConfigReader.keys(BridgeConfig.class).types().keySet();
  }

  /** {@code limits.maxFileSize} → {@code IMAGESTORE_FTP_LIMITS_MAX_FILE_SIZE}. */
  public static String environmentName(String key) {
    return ConfigKeys.environmentName(ENVIRONMENT_PREFIX, key);
  }

  // Shorthands for the values most code reads; the sections hold them.
  public String host() { return listen.host(); }
  public int port() { return listen.port(); }
  public String passivePorts() { return passive.ports(); }
  public String passiveExternalAddress() { return passive.externalAddress(); }
  public Path usersFile() { return users.file(); }
  public List<String> tempNamePatterns() { return uploads.tempNamePatterns(); }
  public long partSize() { return uploads.partSize(); }
  public boolean asciiUploads() { return uploads.asciiMode(); }
  public CommitPolicy commitPolicy() { return uploads.commitPolicy(); }
  public S3CallPolicy objectStoreCalls() { return objectStore.calls(); }
  public String bucket() { return objectStore.bucket(); }
  public String originalsPrefix() { return objectStore.originalsPrefix(); }
  public String stagingPrefix() { return objectStore.stagingPrefix(); }
  public String namespacePrefix() { return objectStore.namespacePrefix(); }
  public String kafkaBootstrap() { return kafka.bootstrap(); }
  public String uploadsTopic() { return kafka.topic(); }
  public Duration kafkaAckTimeout() { return kafka.ackTimeout(); }
  public Map<String, String> kafkaProperties() { return kafka.properties(); }
  public String metricsHost() { return metrics.host(); }
  public Integer metricsPort() { return metrics.port(); }
  public Duration shutdownGrace() { return shutdown.grace(); }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * @param host listen address of the control connection
   * @param port control port; 0 binds a free one ({@link IngestBridge#port()} tells which)
   */
  public record Listen(String host, int port) {
    static final Listen DEFAULTS = new Listen("127.0.0.1", 2121);

    public Listen {
      requireText(host, "listen.host");
      requirePort(port, "listen.port");
    }

    @JsonCreator
    static Listen of(@JsonProperty("host") String host, @JsonProperty("port") Integer port) {
      return new Listen(requireNonNullElse(host, DEFAULTS.host), requireNonNullElse(port, DEFAULTS.port));
    }
  }

  /**
   * @param ports ftpserver port spec for passive data connections, e.g. {@code 30000-30100};
   *     {@code 0} takes any free port
   * @param externalAddress address announced in PASV replies (behind NAT), or null
   */
  public record Passive(String ports, String externalAddress) {
    static final Passive DEFAULTS = new Passive("0", null);

    public Passive {
      requireText(ports, "passive.ports");
    }

    @JsonCreator
    static Passive of(@JsonProperty("ports") String ports, @JsonProperty("externalAddress") String externalAddress) {
      return new Passive(requireNonNullElse(ports, DEFAULTS.ports), externalAddress);
    }
  }

  /** @param file the users file (see {@link UsersFile}); must exist */
  public record Users(Path file) {
    public Users {
      if (file == null) {
        throw new ConfigException("users.file", "is required");
      }
    }
  }

  /** Explicit FTPS (AUTH TLS); absent when AUTH TLS is not offered. */
  public record Tls(Path keystore, String keystorePassword, boolean required) {
    public Tls {
      if (keystore == null) {
        throw new ConfigException("tls.keystore", "is required when tls.* is set");
      }
      requireText(keystorePassword, "tls.keystorePassword");
    }

    @JsonCreator
    static Tls of(@JsonProperty("keystore") Path keystore, @JsonProperty("keystorePassword") String keystorePassword,
        @JsonProperty("required") Boolean required) {
      return new Tls(keystore, keystorePassword, requireNonNullElse(required, false));
    }

    @Override
    public String toString() {
      return "Tls[keystore=" + keystore + ", keystorePassword=" + RedactedSecrets.REDACTED + ", required=" + required + "]";
    }
  }

  /**
   * @param tempNamePatterns globs on the file name (case-insensitive); uploads matching one are
   *     stored but only published when renamed to a name that matches none
   * @param partSize multipart part size, also the upload buffer: memory per upload is bounded by it
   * @param asciiMode whether STOR is accepted in {@code TYPE A}; off by default, since a client in
   *     ASCII mode rewrites line endings before sending and an image arrives corrupted (the bytes
   *     are stored as sent either way)
   * @param containerCheck what the end of a JPEG or PNG tells before a commit (see {@link CommitPolicy})
   * @param publishOnRenameOnly accounts whose STORs are published only by a rename
   */
  public record Uploads(List<String> tempNamePatterns, long partSize, boolean asciiMode,
      ContainerCheck containerCheck, Set<String> publishOnRenameOnly) {
    static final Uploads DEFAULTS = new Uploads(
        List.of("*.tmp", "*.part", "*.partial", "*.filepart", "*.crdownload", ".in.*"), 8L * 1024 * 1024, false,
        CommitPolicy.defaults().containerCheck(), Set.of());

    public Uploads {
      tempNamePatterns = List.copyOf(tempNamePatterns);
      for (String p : tempNamePatterns) {
        requireText(p, "uploads.tempNamePatterns");
      }
      if (partSize < MIN_PART_SIZE || partSize > 512L * 1024 * 1024) {
        throw new ConfigException("uploads.partSize",
            "must be between 5 MiB (S3's minimum part) and 512 MiB, got " + partSize);
      }
      if (containerCheck == null) {
        throw new ConfigException("uploads.containerCheck", "must be wait, refuse or off");
      }
      publishOnRenameOnly = Set.copyOf(publishOnRenameOnly);
    }

    @JsonCreator
    static Uploads of(@JsonProperty("tempNamePatterns") List<String> tempNamePatterns,
        @JsonProperty("partSize") @JsonDeserialize(using = ByteSizeDeserializer.class) Long partSize,
        @JsonProperty("asciiMode") Boolean asciiMode,
        @JsonProperty("containerCheck") ContainerCheck containerCheck,
        @JsonProperty("publishOnRenameOnly") Set<String> publishOnRenameOnly) {
      return new Uploads(requireNonNullElse(tempNamePatterns, DEFAULTS.tempNamePatterns),
          requireNonNullElse(partSize, DEFAULTS.partSize), requireNonNullElse(asciiMode, DEFAULTS.asciiMode),
          requireNonNullElse(containerCheck, DEFAULTS.containerCheck),
          requireNonNullElse(publishOnRenameOnly, DEFAULTS.publishOnRenameOnly));
    }

    public CommitPolicy commitPolicy() {
      return new CommitPolicy(containerCheck, publishOnRenameOnly);
    }
  }

  /**
   * Where uploads go, and the tries and time limits of every call (inside the AWS SDK): without
   * them a store that accepts a connection and then stalls held an upload, and its FTP thread,
   * until the socket timeout of each read.
   *
   * @param bucket the bucket of originals, staging and the FTP namespace
   * @param originalsPrefix key prefix of content-addressed originals: {@code <prefix><sha[0:2]>/<sha>}
   * @param stagingPrefix key prefix of multipart uploads in progress: {@code <prefix><user>/<uuid>}
   * @param namespacePrefix key prefix of the FTP namespace (directory markers and file entries)
   */
  public record ObjectStore(URI endpoint, String region, String accessKey, String secretKey, boolean pathStyle,
      int attempts, Duration initialBackoff, Duration maxBackoff, Duration attemptTimeout, Duration callTimeout,
      String bucket, String originalsPrefix, String stagingPrefix, String namespacePrefix) {

    public ObjectStore {
      if (endpoint == null) {
        throw new ConfigException("objectStore.endpoint", "is required");
      }
      requireText(accessKey, "objectStore.accessKey");
      requireText(secretKey, "objectStore.secretKey");
      try {
        region = new ObjectStoreSettings(endpoint, region, accessKey, secretKey, pathStyle).region();
      } catch (IllegalArgumentException e) {
        throw new ConfigException("objectStore.endpoint", e.getMessage());
      }
      try {
        new S3CallPolicy(attempts, initialBackoff, maxBackoff, attemptTimeout, callTimeout);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("objectStore.attempts, attemptTimeout, callTimeout", e.getMessage());
      }
      requireText(bucket, "objectStore.bucket");
      requirePrefix(originalsPrefix, "objectStore.originalsPrefix");
      requirePrefix(stagingPrefix, "objectStore.stagingPrefix");
      requirePrefix(namespacePrefix, "objectStore.namespacePrefix");
      if (originalsPrefix.startsWith(stagingPrefix) || stagingPrefix.startsWith(originalsPrefix)
          || namespacePrefix.startsWith(originalsPrefix) || originalsPrefix.startsWith(namespacePrefix)
          || namespacePrefix.startsWith(stagingPrefix) || stagingPrefix.startsWith(namespacePrefix)) {
        throw new ConfigException("objectStore.originalsPrefix, stagingPrefix and namespacePrefix", "must not overlap");
      }
    }

    @JsonCreator
    static ObjectStore of(@JsonProperty("endpoint") URI endpoint, @JsonProperty("region") String region,
        @JsonProperty("accessKey") String accessKey, @JsonProperty("secretKey") String secretKey,
        @JsonProperty("pathStyle") Boolean pathStyle, @JsonProperty("attempts") Integer attempts,
        @JsonProperty("initialBackoff") Duration initialBackoff, @JsonProperty("maxBackoff") Duration maxBackoff,
        @JsonProperty("attemptTimeout") Duration attemptTimeout, @JsonProperty("callTimeout") Duration callTimeout,
        @JsonProperty("bucket") String bucket, @JsonProperty("originalsPrefix") String originalsPrefix,
        @JsonProperty("stagingPrefix") String stagingPrefix, @JsonProperty("namespacePrefix") String namespacePrefix) {
      S3CallPolicy calls = DEFAULT_OBJECT_STORE_CALLS;
      return new ObjectStore(endpoint, region, accessKey, secretKey, requireNonNullElse(pathStyle, true),
          requireNonNullElse(attempts, calls.attempts()), requireNonNullElse(initialBackoff, calls.initialBackoff()),
          requireNonNullElse(maxBackoff, calls.maxBackoff()), requireNonNullElse(attemptTimeout, calls.attemptTimeout()),
          requireNonNullElse(callTimeout, calls.callTimeout()), requireNonNullElse(bucket, "originals"),
          requireNonNullElse(originalsPrefix, "originals/"), requireNonNullElse(stagingPrefix, "staging/"),
          requireNonNullElse(namespacePrefix, "ftp/"));
    }

    static ObjectStore of(ObjectStoreSettings connection, S3CallPolicy calls, String bucket, String originalsPrefix,
        String stagingPrefix, String namespacePrefix) {
      return new ObjectStore(connection.endpoint(), connection.region(), connection.accessKey(),
          connection.secretKey(), connection.pathStyle(), calls.attempts(), calls.initialBackoff(),
          calls.maxBackoff(), calls.attemptTimeout(), calls.callTimeout(), bucket, originalsPrefix, stagingPrefix,
          namespacePrefix);
    }

    /** Where the store is and how to sign requests. */
    public ObjectStoreSettings connection() {
      return new ObjectStoreSettings(endpoint, region, accessKey, secretKey, pathStyle);
    }

    public S3CallPolicy calls() {
      return new S3CallPolicy(attempts, initialBackoff, maxBackoff, attemptTimeout, callTimeout);
    }

    @Override
    public String toString() {
      return "ObjectStore[endpoint=" + endpoint + ", region=" + region + ", accessKey=" + accessKey
          + ", secretKey=" + RedactedSecrets.REDACTED + ", pathStyle=" + pathStyle + ", calls=" + calls()
          + ", bucket=" + bucket + ", originalsPrefix=" + originalsPrefix + ", stagingPrefix=" + stagingPrefix
          + ", namespacePrefix=" + namespacePrefix + "]";
    }
  }

  /**
   * @param topic the upload-events topic
   * @param ackTimeout how long an upload waits for Kafka's ack before answering 451
   * @param properties extra producer properties (e.g. security settings); they cannot weaken
   *     {@code acks=all} or idempotence
   */
  public record Kafka(String bootstrap, String topic, Duration ackTimeout, Map<String, String> properties) {
    public Kafka {
      requireText(bootstrap, "kafka.bootstrap");
      requireText(topic, "kafka.topic");
      requirePositive(ackTimeout, "kafka.ackTimeout");
      properties = Map.copyOf(properties);
      for (String forced : List.of("acks", "enable.idempotence", "key.serializer", "value.serializer")) {
        if (properties.containsKey(forced)) {
          throw new ConfigException("kafka.properties." + forced, "is fixed by the bridge and cannot be set");
        }
      }
    }

    @JsonCreator
    static Kafka of(@JsonProperty("bootstrap") String bootstrap, @JsonProperty("topic") String topic,
        @JsonProperty("ackTimeout") Duration ackTimeout, @JsonProperty("properties") Map<String, String> properties) {
      return new Kafka(bootstrap, requireNonNullElse(topic, "image-uploads"),
          requireNonNullElse(ackTimeout, Duration.ofSeconds(30)), requireNonNullElse(properties, Map.of()));
    }

    /** Properties named like secrets ({@link RedactedSecrets}) print as {@value RedactedSecrets#REDACTED}. */
    @Override
    public String toString() {
      return "Kafka[bootstrap=" + bootstrap + ", topic=" + topic + ", ackTimeout=" + ackTimeout
          + ", properties=" + RedactedSecrets.redact(properties) + "]";
    }
  }

  /** @param port HTTP port of {@code /metrics}, {@code /health}, {@code /ready}; null disables them, 0 binds a free one */
  public record Metrics(String host, Integer port) {
    static final Metrics DEFAULTS = new Metrics("127.0.0.1", null);

    public Metrics {
      if (host == null || host.isBlank()) {
        host = DEFAULTS.host;
      }
      if (port != null) {
        requirePort(port, "metrics.port");
      }
    }
  }

  /** @param grace how long {@link IngestBridge#close()} lets in-flight uploads finish */
  public record Shutdown(Duration grace) {
    static final Shutdown DEFAULTS = new Shutdown(Duration.ofSeconds(30));

    public Shutdown {
      grace = requireNonNullElse(grace, Duration.ofSeconds(30));
      requirePositive(grace, "shutdown.grace");
    }
  }

  /**
   * Hardening limits.
   *
   * @param maxConnections control connections at once, all clients
   * @param maxConnectionsPerIp control connections at once from one address
   * @param maxFileSize bytes; an upload exceeding it is aborted with 552
   * @param idleTimeout a control connection without a command for this long is closed
   * @param dataTimeout a data connection that sends nothing for this long is closed
   * @param maxLoginFailures failed logins from one address within {@code loginFailureWindow}
   *     before that address is banned
   * @param banTime how long a banned address gets 421 on connect
   * @param loginFailureDelay pause before answering a failed login (slows guessing)
   * @param loginTimeout a connection not logged in this long after it opened gets 421 and is closed,
   *     whatever it sends meanwhile (the idle timeout is reset by every command)
   * @param maxPreLoginConnections connections not logged in yet, all clients; null means half of
   *     {@code maxConnections}: the other half stays for sources that log in
   * @param maxPreLoginConnectionsPerIp connections not logged in yet from one address
   */
  public record Limits(
      int maxConnections,
      int maxConnectionsPerIp,
      long maxFileSize,
      Duration idleTimeout,
      Duration dataTimeout,
      int maxLoginFailures,
      Duration loginFailureWindow,
      Duration banTime,
      Duration loginFailureDelay,
      Duration loginTimeout,
      Integer maxPreLoginConnections,
      int maxPreLoginConnectionsPerIp) {

    private static final Limits DEFAULTS = new Limits(64, 8, 1024L * 1024 * 1024, Duration.ofMinutes(5),
        Duration.ofSeconds(60), 5, Duration.ofMinutes(10), Duration.ofMinutes(15), Duration.ofMillis(500),
        Duration.ofSeconds(15), null, 2);

    public static Limits defaults() {
      return DEFAULTS;
    }

    @JsonCreator
    static Limits of(@JsonProperty("maxConnections") Integer maxConnections,
        @JsonProperty("maxConnectionsPerIp") Integer maxConnectionsPerIp,
        @JsonProperty("maxFileSize") @JsonDeserialize(using = ByteSizeDeserializer.class) Long maxFileSize,
        @JsonProperty("idleTimeout") Duration idleTimeout, @JsonProperty("dataTimeout") Duration dataTimeout,
        @JsonProperty("maxLoginFailures") Integer maxLoginFailures,
        @JsonProperty("loginFailureWindow") Duration loginFailureWindow, @JsonProperty("banTime") Duration banTime,
        @JsonProperty("loginFailureDelay") Duration loginFailureDelay,
        @JsonProperty("loginTimeout") Duration loginTimeout,
        @JsonProperty("maxPreLoginConnections") Integer maxPreLoginConnections,
        @JsonProperty("maxPreLoginConnectionsPerIp") Integer maxPreLoginConnectionsPerIp) {
      Limits d = DEFAULTS;
      return new Limits(requireNonNullElse(maxConnections, d.maxConnections),
          requireNonNullElse(maxConnectionsPerIp, d.maxConnectionsPerIp), requireNonNullElse(maxFileSize, d.maxFileSize),
          requireNonNullElse(idleTimeout, d.idleTimeout), requireNonNullElse(dataTimeout, d.dataTimeout),
          requireNonNullElse(maxLoginFailures, d.maxLoginFailures),
          requireNonNullElse(loginFailureWindow, d.loginFailureWindow), requireNonNullElse(banTime, d.banTime),
          requireNonNullElse(loginFailureDelay, d.loginFailureDelay), requireNonNullElse(loginTimeout, d.loginTimeout),
          maxPreLoginConnections, requireNonNullElse(maxPreLoginConnectionsPerIp, d.maxPreLoginConnectionsPerIp));
    }

    public Limits {
      requireAtLeastOne(maxConnections, "limits.maxConnections");
      requireAtLeastOne(maxConnectionsPerIp, "limits.maxConnectionsPerIp");
      if (maxFileSize < 1) {
        throw new ConfigException("limits.maxFileSize", "must be positive, got " + maxFileSize);
      }
      requireWholeSeconds(idleTimeout, "limits.idleTimeout");
      requireWholeSeconds(dataTimeout, "limits.dataTimeout");
      requireAtLeastOne(maxLoginFailures, "limits.maxLoginFailures");
      requirePositive(loginFailureWindow, "limits.loginFailureWindow");
      requirePositive(banTime, "limits.banTime");
      if (loginFailureDelay == null || loginFailureDelay.isNegative()) {
        throw new ConfigException("limits.loginFailureDelay", "must not be negative, got " + loginFailureDelay);
      }
      requirePositive(loginTimeout, "limits.loginTimeout");
      if (loginTimeout.compareTo(loginFailureDelay) <= 0) {
        throw new ConfigException("limits.loginTimeout", loginTimeout
            + " must be longer than limits.loginFailureDelay (" + loginFailureDelay + ")");
      }
      if (maxPreLoginConnections != null) {
        requireAtLeastOne(maxPreLoginConnections, "limits.maxPreLoginConnections");
        if (maxPreLoginConnections > maxConnections) {
          throw new ConfigException("limits.maxPreLoginConnections", maxPreLoginConnections
              + " must not exceed limits.maxConnections (" + maxConnections + ")");
        }
      }
      requireAtLeastOne(maxPreLoginConnectionsPerIp, "limits.maxPreLoginConnectionsPerIp");
    }

    /** Connections not logged in yet, all clients: the configured value or half of {@link #maxConnections}. */
    public int preLoginConnections() {
      return maxPreLoginConnections != null ? maxPreLoginConnections : Math.max(1, maxConnections / 2);
    }

    public Limits withMaxFileSize(long bytes) {
      return new Limits(maxConnections, maxConnectionsPerIp, bytes, idleTimeout, dataTimeout,
          maxLoginFailures, loginFailureWindow, banTime, loginFailureDelay, loginTimeout,
          maxPreLoginConnections, maxPreLoginConnectionsPerIp);
    }

    public Limits withConnections(int total, int perIp) {
      return new Limits(total, perIp, maxFileSize, idleTimeout, dataTimeout,
          maxLoginFailures, loginFailureWindow, banTime, loginFailureDelay, loginTimeout,
          maxPreLoginConnections, maxPreLoginConnectionsPerIp);
    }

    public Limits withLoginFailures(int max, Duration ban, Duration delay) {
      return new Limits(maxConnections, maxConnectionsPerIp, maxFileSize, idleTimeout, dataTimeout,
          max, loginFailureWindow, ban, delay, loginTimeout, maxPreLoginConnections, maxPreLoginConnectionsPerIp);
    }

    public Limits withLoginFailureWindow(Duration window) {
      return new Limits(maxConnections, maxConnectionsPerIp, maxFileSize, idleTimeout, dataTimeout,
          maxLoginFailures, window, banTime, loginFailureDelay, loginTimeout, maxPreLoginConnections,
          maxPreLoginConnectionsPerIp);
    }

    public Limits withTimeouts(Duration idle, Duration data) {
      return new Limits(maxConnections, maxConnectionsPerIp, maxFileSize, idle, data,
          maxLoginFailures, loginFailureWindow, banTime, loginFailureDelay, loginTimeout,
          maxPreLoginConnections, maxPreLoginConnectionsPerIp);
    }

    /** {@code total} null: half of {@link #maxConnections}. */
    public Limits withPreLogin(Duration timeout, Integer total, int perIp) {
      return new Limits(maxConnections, maxConnectionsPerIp, maxFileSize, idleTimeout, dataTimeout,
          maxLoginFailures, loginFailureWindow, banTime, loginFailureDelay, timeout, total, perIp);
    }
  }

  /** In code: flat setters over the sections, the same defaults as the file. */
  public static final class Builder {
    private Listen listen = Listen.DEFAULTS;
    private Passive passive = Passive.DEFAULTS;
    private Path usersFile;
    private Tls tls;
    private Limits limits = Limits.defaults();
    private Uploads uploads = Uploads.DEFAULTS;
    private ObjectStoreSettings objectStore;
    private S3CallPolicy objectStoreCalls = DEFAULT_OBJECT_STORE_CALLS;
    private String bucket = "originals";
    private String originalsPrefix = "originals/";
    private String stagingPrefix = "staging/";
    private String namespacePrefix = "ftp/";
    private String kafkaBootstrap;
    private String uploadsTopic = "image-uploads";
    private Duration kafkaAckTimeout = Duration.ofSeconds(30);
    private Map<String, String> kafkaProperties = Map.of();
    private String bridgeInstance;
    private Metrics metrics = Metrics.DEFAULTS;
    private Duration shutdownGrace = Shutdown.DEFAULTS.grace();

    private Builder() {}

    private Builder(BridgeConfig c) {
      listen = c.listen;
      passive = c.passive;
      usersFile = c.users.file();
      tls = c.tls;
      limits = c.limits;
      uploads = c.uploads;
      objectStore = c.objectStore.connection();
      objectStoreCalls = c.objectStore.calls();
      bucket = c.objectStore.bucket();
      originalsPrefix = c.objectStore.originalsPrefix();
      stagingPrefix = c.objectStore.stagingPrefix();
      namespacePrefix = c.objectStore.namespacePrefix();
      kafkaBootstrap = c.kafka.bootstrap();
      uploadsTopic = c.kafka.topic();
      kafkaAckTimeout = c.kafka.ackTimeout();
      kafkaProperties = c.kafka.properties();
      bridgeInstance = c.bridgeInstance;
      metrics = c.metrics;
      shutdownGrace = c.shutdown.grace();
    }

    public Builder host(String v) { listen = new Listen(v, listen.port()); return this; }
    public Builder port(int v) { listen = new Listen(listen.host(), v); return this; }
    public Builder passivePorts(String v) { passive = new Passive(v, passive.externalAddress()); return this; }
    public Builder passiveExternalAddress(String v) { passive = new Passive(passive.ports(), v); return this; }
    public Builder usersFile(Path v) { usersFile = v; return this; }
    public Builder tls(Tls v) { tls = v; return this; }
    public Builder limits(Limits v) { limits = v; return this; }
    public Builder tempNamePatterns(List<String> v) {
      uploads = new Uploads(v, uploads.partSize(), uploads.asciiMode(), uploads.containerCheck(), uploads.publishOnRenameOnly());
      return this;
    }
    public Builder partSize(long v) {
      uploads = new Uploads(uploads.tempNamePatterns(), v, uploads.asciiMode(), uploads.containerCheck(), uploads.publishOnRenameOnly());
      return this;
    }
    public Builder asciiUploads(boolean v) {
      uploads = new Uploads(uploads.tempNamePatterns(), uploads.partSize(), v, uploads.containerCheck(), uploads.publishOnRenameOnly());
      return this;
    }
    public Builder commitPolicy(CommitPolicy v) {
      uploads = new Uploads(uploads.tempNamePatterns(), uploads.partSize(), uploads.asciiMode(), v.containerCheck(),
          v.publishOnRenameOnly());
      return this;
    }
    public Builder objectStore(ObjectStoreSettings v) { objectStore = v; return this; }
    public Builder objectStoreCalls(S3CallPolicy v) { objectStoreCalls = v; return this; }
    public Builder bucket(String v) { bucket = v; return this; }
    public Builder originalsPrefix(String v) { originalsPrefix = v; return this; }
    public Builder stagingPrefix(String v) { stagingPrefix = v; return this; }
    public Builder namespacePrefix(String v) { namespacePrefix = v; return this; }
    public Builder kafkaBootstrap(String v) { kafkaBootstrap = v; return this; }
    public Builder uploadsTopic(String v) { uploadsTopic = v; return this; }
    public Builder kafkaAckTimeout(Duration v) { kafkaAckTimeout = v; return this; }
    public Builder kafkaProperties(Map<String, String> v) { kafkaProperties = v; return this; }
    public Builder bridgeInstance(String v) { bridgeInstance = v; return this; }
    public Builder metricsHost(String v) { metrics = new Metrics(v, metrics.port()); return this; }
    public Builder metricsPort(Integer v) { metrics = new Metrics(metrics.host(), v); return this; }
    public Builder shutdownGrace(Duration v) { shutdownGrace = v; return this; }

    public Limits limits() { return limits; }
    public CommitPolicy commitPolicy() { return uploads.commitPolicy(); }
    public ObjectStoreSettings objectStore() { return objectStore; }
    public S3CallPolicy objectStoreCalls() { return objectStoreCalls; }

    public BridgeConfig build() {
      if (objectStore == null) {
        throw new ConfigException("objectStore.endpoint", "is required, with objectStore.accessKey and secretKey");
      }
      return new BridgeConfig(listen, passive, new Users(usersFile), tls, limits, uploads,
          ObjectStore.of(objectStore, objectStoreCalls, bucket, originalsPrefix, stagingPrefix, namespacePrefix),
          new Kafka(kafkaBootstrap, uploadsTopic, kafkaAckTimeout, kafkaProperties == null ? Map.of() : kafkaProperties),
          bridgeInstance, metrics, new Shutdown(shutdownGrace));
    }
  }

  private static String defaultInstanceName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "ingest-bridge";
    }
  }

  private static void requireText(String v, String key) {
    if (v == null || v.isBlank()) {
      throw new ConfigException(key, "is required");
    }
  }

  private static void requirePort(int v, String key) {
    if (v < 0 || v > 65535) {
      throw new ConfigException(key, "must be a port 0-65535, got " + v);
    }
  }

  private static void requirePrefix(String v, String key) {
    if (v == null || !PREFIX.matcher(v).matches()) {
      throw new ConfigException(key, "must look like 'name/' (letters, digits, . _ -), got " + v);
    }
  }

  private static void requireAtLeastOne(int v, String key) {
    if (v < 1) {
      throw new ConfigException(key, "must be at least 1, got " + v);
    }
  }

  private static void requirePositive(Duration v, String key) {
    if (v == null || v.isZero() || v.isNegative()) {
      throw new ConfigException(key, "must be a positive duration, got " + v);
    }
  }

  private static void requireWholeSeconds(Duration v, String key) {
    // ftpserver takes these in whole seconds.
    if (v == null || v.toSeconds() < 1) {
      throw new ConfigException(key, "must be at least 1 second, got " + v);
    }
  }
}
