package io.imagestore.bridge;

import io.imagestore.bridge.config.BridgeConfigLoader;
import io.imagestore.bridge.upload.CommitPolicy;
import io.imagestore.objectstore.ObjectStoreSettings;
import io.imagestore.objectstore.S3CallPolicy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything the bridge needs, validated once at construction: a bad value fails start-up with a
 * message naming the configuration key, never an upload later.
 *
 * <p>Made from a YAML file plus {@code IMAGESTORE_FTP_*} environment overrides with {@link #load},
 * or in code with {@link #builder()}. The file format is described in {@code docs/ingest-bridge.md}.
 *
 * @param host listen address of the control connection
 * @param port control port; 0 binds a free one ({@link IngestBridge#port()} tells which)
 * @param passivePorts ftpserver port spec for passive data connections, e.g. {@code 30000-30100};
 *     {@code 0} takes any free port
 * @param passiveExternalAddress address announced in PASV replies (behind NAT), or null
 * @param usersFile the users file (see {@link UsersFile}); must exist
 * @param tls explicit FTPS settings, or null when AUTH TLS is not offered
 * @param tempNamePatterns globs on the file name (case-insensitive); uploads matching one are
 *     stored but only published when renamed to a name that matches none
 * @param partSize multipart part size, also the upload buffer: memory per upload is bounded by it
 * @param asciiUploads whether STOR is accepted in {@code TYPE A}; off by default, since a client in
 *     ASCII mode rewrites line endings before sending and an image arrives corrupted (the bytes are
 *     stored as sent either way)
 * @param objectStoreCalls tries and time limits of every object-store call (inside the AWS SDK):
 *     without them a store that accepts a connection and then stalls held an upload, and its FTP
 *     thread, until the socket timeout of each read
 * @param originalsPrefix key prefix of content-addressed originals: {@code <prefix><sha[0:2]>/<sha>}
 * @param stagingPrefix key prefix of multipart uploads in progress: {@code <prefix><user>/<uuid>}
 * @param namespacePrefix key prefix of the FTP namespace (directory markers and file entries)
 * @param kafkaAckTimeout how long an upload waits for Kafka's ack before answering 451
 * @param kafkaProperties extra producer properties (e.g. security settings); they cannot weaken
 *     {@code acks=all} or idempotence
 * @param metricsPort HTTP port of {@code /metrics}; null disables the endpoint, 0 binds a free one
 * @param shutdownGrace how long {@link IngestBridge#close()} lets in-flight uploads finish
 * @param commitPolicy when a complete-looking transfer is published: the container check and the
 *     accounts that publish on rename only ({@code uploads.containerCheck},
 *     {@code uploads.publishOnRenameOnly})
 */
public record BridgeConfig(
    String host,
    int port,
    String passivePorts,
    String passiveExternalAddress,
    Path usersFile,
    Tls tls,
    Limits limits,
    List<String> tempNamePatterns,
    long partSize,
    boolean asciiUploads,
    ObjectStoreSettings objectStore,
    S3CallPolicy objectStoreCalls,
    String bucket,
    String originalsPrefix,
    String stagingPrefix,
    String namespacePrefix,
    String kafkaBootstrap,
    String uploadsTopic,
    Duration kafkaAckTimeout,
    Map<String, String> kafkaProperties,
    String bridgeInstance,
    String metricsHost,
    Integer metricsPort,
    Duration shutdownGrace,
    CommitPolicy commitPolicy) {

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
    requireText(host, "listen.host");
    requirePort(port, "listen.port");
    requireText(passivePorts, "passive.ports");
    Objects.requireNonNull(usersFile, "users.file is required");
    Objects.requireNonNull(limits, "limits");
    tempNamePatterns = List.copyOf(tempNamePatterns == null ? List.of() : tempNamePatterns);
    for (String p : tempNamePatterns) {
      requireText(p, "uploads.tempNamePatterns");
    }
    if (partSize < MIN_PART_SIZE || partSize > 512L * 1024 * 1024) {
      throw new IllegalArgumentException(
          "uploads.partSize must be between 5 MiB (S3's minimum part) and 512 MiB, got " + partSize);
    }
    if (objectStore == null) {
      throw new IllegalArgumentException("objectStore.endpoint, accessKey and secretKey are required");
    }
    Objects.requireNonNull(objectStoreCalls, "objectStore call policy");
    requireText(bucket, "objectStore.bucket");
    requirePrefix(originalsPrefix, "objectStore.originalsPrefix");
    requirePrefix(stagingPrefix, "objectStore.stagingPrefix");
    requirePrefix(namespacePrefix, "objectStore.namespacePrefix");
    if (originalsPrefix.startsWith(stagingPrefix) || stagingPrefix.startsWith(originalsPrefix)
        || namespacePrefix.startsWith(originalsPrefix) || originalsPrefix.startsWith(namespacePrefix)
        || namespacePrefix.startsWith(stagingPrefix) || stagingPrefix.startsWith(namespacePrefix)) {
      throw new IllegalArgumentException(
          "objectStore.originalsPrefix, stagingPrefix and namespacePrefix must not overlap");
    }
    requireText(kafkaBootstrap, "kafka.bootstrap");
    requireText(uploadsTopic, "kafka.topic");
    requirePositive(kafkaAckTimeout, "kafka.ackTimeout");
    kafkaProperties = Map.copyOf(kafkaProperties == null ? Map.of() : kafkaProperties);
    for (String forced : List.of("acks", "enable.idempotence", "key.serializer", "value.serializer")) {
      if (kafkaProperties.containsKey(forced)) {
        throw new IllegalArgumentException("kafka.properties." + forced + " is fixed by the bridge and cannot be set");
      }
    }
    if (bridgeInstance == null || bridgeInstance.isBlank()) {
      bridgeInstance = defaultInstanceName();
    }
    if (metricsHost == null || metricsHost.isBlank()) {
      metricsHost = "127.0.0.1";
    }
    if (metricsPort != null) {
      requirePort(metricsPort, "metrics.port");
    }
    requirePositive(shutdownGrace, "shutdown.grace");
    if (commitPolicy == null) {
      commitPolicy = CommitPolicy.defaults();
    }
    if (limits.maxFileSize() > MAX_COPY_SIZE) {
      throw new IllegalArgumentException(
          "limits.maxFileSize must be at most 5 GiB (a single server-side copy), got " + limits.maxFileSize());
    }
  }

  /**
   * Every setting but the secrets: the S3 secret key (see {@link ObjectStoreSettings#toString}),
   * the keystore password and Kafka properties named like secrets ({@link RedactedSecrets}) print
   * as {@value RedactedSecrets#REDACTED}. A record's own toString printed SASL passwords.
   */
  @Override
  public String toString() {
    return "BridgeConfig[host=" + host + ", port=" + port + ", passivePorts=" + passivePorts
        + ", passiveExternalAddress=" + passiveExternalAddress + ", usersFile=" + usersFile + ", tls=" + tls
        + ", limits=" + limits + ", tempNamePatterns=" + tempNamePatterns + ", partSize=" + partSize
        + ", asciiUploads=" + asciiUploads + ", objectStore=" + objectStore + ", objectStoreCalls=" + objectStoreCalls
        + ", bucket=" + bucket
        + ", originalsPrefix=" + originalsPrefix + ", stagingPrefix=" + stagingPrefix
        + ", namespacePrefix=" + namespacePrefix + ", kafkaBootstrap=" + kafkaBootstrap
        + ", uploadsTopic=" + uploadsTopic + ", kafkaAckTimeout=" + kafkaAckTimeout
        + ", kafkaProperties=" + RedactedSecrets.redact(kafkaProperties) + ", bridgeInstance=" + bridgeInstance
        + ", metricsHost=" + metricsHost + ", metricsPort=" + metricsPort + ", shutdownGrace=" + shutdownGrace
        + ", commitPolicy=" + commitPolicy + "]";
  }

  /** Reads {@code yamlFile}, then applies {@code IMAGESTORE_FTP_*} overrides from {@code env}. */
  public static BridgeConfig load(Path yamlFile, Map<String, String> env) {
    return BridgeConfigLoader.load(yamlFile, env);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Explicit FTPS (AUTH TLS). */
  public record Tls(Path keystore, String keystorePassword, boolean required) {
    public Tls {
      Objects.requireNonNull(keystore, "tls.keystore");
      requireText(keystorePassword, "tls.keystorePassword");
    }

    @Override
    public String toString() {
      return "Tls[keystore=" + keystore + ", keystorePassword=" + RedactedSecrets.REDACTED + ", required=" + required + "]";
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

    public static Limits defaults() {
      return new Limits(64, 8, 1024L * 1024 * 1024, Duration.ofMinutes(5), Duration.ofSeconds(60), 5,
          Duration.ofMinutes(10), Duration.ofMinutes(15), Duration.ofMillis(500), Duration.ofSeconds(15), null, 2);
    }

    public Limits {
      requireAtLeastOne(maxConnections, "limits.maxConnections");
      requireAtLeastOne(maxConnectionsPerIp, "limits.maxConnectionsPerIp");
      if (maxFileSize < 1) {
        throw new IllegalArgumentException("limits.maxFileSize must be positive, got " + maxFileSize);
      }
      requireWholeSeconds(idleTimeout, "limits.idleTimeout");
      requireWholeSeconds(dataTimeout, "limits.dataTimeout");
      requireAtLeastOne(maxLoginFailures, "limits.maxLoginFailures");
      requirePositive(loginFailureWindow, "limits.loginFailureWindow");
      requirePositive(banTime, "limits.banTime");
      Objects.requireNonNull(loginFailureDelay, "limits.loginFailureDelay");
      if (loginFailureDelay.isNegative()) {
        throw new IllegalArgumentException("limits.loginFailureDelay must not be negative");
      }
      requirePositive(loginTimeout, "limits.loginTimeout");
      if (loginTimeout.compareTo(loginFailureDelay) <= 0) {
        throw new IllegalArgumentException("limits.loginTimeout (" + loginTimeout
            + ") must be longer than limits.loginFailureDelay (" + loginFailureDelay + ")");
      }
      if (maxPreLoginConnections != null) {
        requireAtLeastOne(maxPreLoginConnections, "limits.maxPreLoginConnections");
        if (maxPreLoginConnections > maxConnections) {
          throw new IllegalArgumentException("limits.maxPreLoginConnections (" + maxPreLoginConnections
              + ") must not exceed limits.maxConnections (" + maxConnections + ")");
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

  /** Defaults for every optional value; the required ones fail {@link #build()} by key. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = 2121;
    private String passivePorts = "0";
    private String passiveExternalAddress;
    private Path usersFile;
    private Tls tls;
    private Limits limits = Limits.defaults();
    private List<String> tempNamePatterns =
        List.of("*.tmp", "*.part", "*.partial", "*.filepart", "*.crdownload", ".in.*");
    private long partSize = 8L * 1024 * 1024;
    private boolean asciiUploads;
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
    private String metricsHost = "127.0.0.1";
    private Integer metricsPort;
    private Duration shutdownGrace = Duration.ofSeconds(30);
    private CommitPolicy commitPolicy = CommitPolicy.defaults();

    private Builder() {}

    private Builder(BridgeConfig c) {
      host = c.host;
      port = c.port;
      passivePorts = c.passivePorts;
      passiveExternalAddress = c.passiveExternalAddress;
      usersFile = c.usersFile;
      tls = c.tls;
      limits = c.limits;
      tempNamePatterns = c.tempNamePatterns;
      partSize = c.partSize;
      asciiUploads = c.asciiUploads;
      objectStore = c.objectStore;
      objectStoreCalls = c.objectStoreCalls;
      bucket = c.bucket;
      originalsPrefix = c.originalsPrefix;
      stagingPrefix = c.stagingPrefix;
      namespacePrefix = c.namespacePrefix;
      kafkaBootstrap = c.kafkaBootstrap;
      uploadsTopic = c.uploadsTopic;
      kafkaAckTimeout = c.kafkaAckTimeout;
      kafkaProperties = c.kafkaProperties;
      bridgeInstance = c.bridgeInstance;
      metricsHost = c.metricsHost;
      metricsPort = c.metricsPort;
      shutdownGrace = c.shutdownGrace;
      commitPolicy = c.commitPolicy;
    }

    public Builder host(String v) { host = v; return this; }
    public Builder port(int v) { port = v; return this; }
    public Builder passivePorts(String v) { passivePorts = v; return this; }
    public Builder passiveExternalAddress(String v) { passiveExternalAddress = v; return this; }
    public Builder usersFile(Path v) { usersFile = v; return this; }
    public Builder tls(Tls v) { tls = v; return this; }
    public Builder limits(Limits v) { limits = v; return this; }
    public Builder tempNamePatterns(List<String> v) { tempNamePatterns = v; return this; }
    public Builder partSize(long v) { partSize = v; return this; }
    public Builder asciiUploads(boolean v) { asciiUploads = v; return this; }
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
    public Builder metricsHost(String v) { metricsHost = v; return this; }
    public Builder metricsPort(Integer v) { metricsPort = v; return this; }
    public Builder shutdownGrace(Duration v) { shutdownGrace = v; return this; }
    public Builder commitPolicy(CommitPolicy v) { commitPolicy = v; return this; }
    public CommitPolicy commitPolicy() { return commitPolicy; }

    public Limits limits() { return limits; }
    public ObjectStoreSettings objectStore() { return objectStore; }
    public S3CallPolicy objectStoreCalls() { return objectStoreCalls; }

    public BridgeConfig build() {
      return new BridgeConfig(host, port, passivePorts, passiveExternalAddress, usersFile, tls, limits,
          tempNamePatterns, partSize, asciiUploads, objectStore, objectStoreCalls, bucket, originalsPrefix,
          stagingPrefix, namespacePrefix,
          kafkaBootstrap, uploadsTopic, kafkaAckTimeout, kafkaProperties, bridgeInstance, metricsHost,
          metricsPort, shutdownGrace, commitPolicy);
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
      throw new IllegalArgumentException(key + " is required");
    }
  }

  private static void requirePort(int v, String key) {
    if (v < 0 || v > 65535) {
      throw new IllegalArgumentException(key + " must be a port 0-65535, got " + v);
    }
  }

  private static void requirePrefix(String v, String key) {
    if (v == null || !PREFIX.matcher(v).matches()) {
      throw new IllegalArgumentException(key + " must look like 'name/' (letters, digits, . _ -), got " + v);
    }
  }

  private static void requireAtLeastOne(int v, String key) {
    if (v < 1) {
      throw new IllegalArgumentException(key + " must be at least 1, got " + v);
    }
  }

  private static void requirePositive(Duration v, String key) {
    if (v == null || v.isZero() || v.isNegative()) {
      throw new IllegalArgumentException(key + " must be a positive duration, got " + v);
    }
  }

  private static void requireWholeSeconds(Duration v, String key) {
    // ftpserver takes these in whole seconds.
    if (v == null || v.toSeconds() < 1) {
      throw new IllegalArgumentException(key + " must be at least 1 second, got " + v);
    }
  }
}
