package io.imagestore.bridge.config;

import io.imagestore.bridge.BridgeConfig;
import io.imagestore.bridge.BridgeConfig.Limits;
import io.imagestore.bridge.upload.CommitPolicy;
import io.imagestore.objectstore.ObjectStoreSettings;
import io.imagestore.objectstore.S3CallPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads the bridge's YAML file into dotted keys ({@code limits.maxFileSize}), applies environment
 * overrides ({@code IMAGESTORE_FTP_LIMITS_MAX_FILE_SIZE}) and builds a {@link BridgeConfig}. Unknown
 * keys are errors: a typo must not silently fall back to a default.
 */
public final class BridgeConfigLoader {

  public static final String ENV_PREFIX = "IMAGESTORE_FTP_";

  private static final Map<String, BiConsumer<Setter, String>> KEYS = new LinkedHashMap<>();

  static {
    KEYS.put("listen.host", (s, v) -> s.b.host(v));
    KEYS.put("listen.port", (s, v) -> s.b.port(ConfigValues.integer(v)));
    KEYS.put("passive.ports", (s, v) -> s.b.passivePorts(v));
    KEYS.put("passive.externalAddress", (s, v) -> s.b.passiveExternalAddress(v));
    KEYS.put("users.file", (s, v) -> s.b.usersFile(s.path(v)));
    KEYS.put("tls.keystore", (s, v) -> s.tlsKeystore = s.path(v));
    KEYS.put("tls.keystorePassword", (s, v) -> s.tlsPassword = v);
    KEYS.put("tls.required", (s, v) -> s.tlsRequired = ConfigValues.bool(v));
    KEYS.put("limits.maxConnections", (s, v) -> s.limits(l -> l.withConnections(ConfigValues.integer(v), l.maxConnectionsPerIp())));
    KEYS.put("limits.maxConnectionsPerIp", (s, v) -> s.limits(l -> l.withConnections(l.maxConnections(), ConfigValues.integer(v))));
    KEYS.put("limits.maxFileSize", (s, v) -> s.limits(l -> l.withMaxFileSize(ConfigValues.bytes(v))));
    KEYS.put("limits.idleTimeout", (s, v) -> s.limits(l -> l.withTimeouts(ConfigValues.duration(v), l.dataTimeout())));
    KEYS.put("limits.dataTimeout", (s, v) -> s.limits(l -> l.withTimeouts(l.idleTimeout(), ConfigValues.duration(v))));
    KEYS.put("limits.maxLoginFailures", (s, v) -> s.limits(l -> l.withLoginFailures(ConfigValues.integer(v), l.banTime(), l.loginFailureDelay())));
    KEYS.put("limits.loginFailureWindow", (s, v) -> s.limits(l -> l.withLoginFailureWindow(ConfigValues.duration(v))));
    KEYS.put("limits.banTime", (s, v) -> s.limits(l -> l.withLoginFailures(l.maxLoginFailures(), ConfigValues.duration(v), l.loginFailureDelay())));
    KEYS.put("limits.loginFailureDelay", (s, v) -> s.limits(l -> l.withLoginFailures(l.maxLoginFailures(), l.banTime(), ConfigValues.duration(v))));
    KEYS.put("limits.loginTimeout", (s, v) -> s.limits(l -> l.withPreLogin(ConfigValues.duration(v),
        l.maxPreLoginConnections(), l.maxPreLoginConnectionsPerIp())));
    KEYS.put("limits.maxPreLoginConnections", (s, v) -> s.limits(l -> l.withPreLogin(l.loginTimeout(),
        v.isBlank() ? null : ConfigValues.integer(v), l.maxPreLoginConnectionsPerIp())));
    KEYS.put("limits.maxPreLoginConnectionsPerIp", (s, v) -> s.limits(l -> l.withPreLogin(l.loginTimeout(),
        l.maxPreLoginConnections(), ConfigValues.integer(v))));
    KEYS.put("uploads.tempNamePatterns", (s, v) -> s.b.tempNamePatterns(ConfigValues.list(v)));
    KEYS.put("uploads.partSize", (s, v) -> s.b.partSize(ConfigValues.bytes(v)));
    KEYS.put("uploads.asciiMode", (s, v) -> s.b.asciiUploads(ConfigValues.bool(v)));
    KEYS.put("uploads.containerCheck", (s, v) -> s.b.commitPolicy(
        s.b.commitPolicy().withContainerCheck(CommitPolicy.ContainerCheck.parse("uploads.containerCheck", v))));
    KEYS.put("uploads.publishOnRenameOnly", (s, v) -> s.b.commitPolicy(
        s.b.commitPolicy().withPublishOnRenameOnly(Set.copyOf(ConfigValues.list(v)))));
    KEYS.put("objectStore.endpoint", (s, v) -> s.s3Endpoint = v);
    KEYS.put("objectStore.region", (s, v) -> s.s3Region = v);
    KEYS.put("objectStore.accessKey", (s, v) -> s.s3AccessKey = v);
    KEYS.put("objectStore.secretKey", (s, v) -> s.s3SecretKey = v);
    KEYS.put("objectStore.pathStyle", (s, v) -> s.s3PathStyle = ConfigValues.bool(v));
    KEYS.put("objectStore.attempts", (s, v) -> s.s3Attempts = ConfigValues.integer(v));
    KEYS.put("objectStore.attemptTimeout", (s, v) -> s.s3AttemptTimeout = ConfigValues.duration(v));
    KEYS.put("objectStore.callTimeout", (s, v) -> s.s3CallTimeout = ConfigValues.duration(v));
    KEYS.put("objectStore.bucket", (s, v) -> s.b.bucket(v));
    KEYS.put("objectStore.originalsPrefix", (s, v) -> s.b.originalsPrefix(v));
    KEYS.put("objectStore.stagingPrefix", (s, v) -> s.b.stagingPrefix(v));
    KEYS.put("objectStore.namespacePrefix", (s, v) -> s.b.namespacePrefix(v));
    KEYS.put("kafka.bootstrap", (s, v) -> s.b.kafkaBootstrap(v));
    KEYS.put("kafka.topic", (s, v) -> s.b.uploadsTopic(v));
    KEYS.put("kafka.ackTimeout", (s, v) -> s.b.kafkaAckTimeout(ConfigValues.duration(v)));
    KEYS.put("bridgeInstance", (s, v) -> s.b.bridgeInstance(v));
    KEYS.put("metrics.host", (s, v) -> s.b.metricsHost(v));
    KEYS.put("metrics.port", (s, v) -> s.b.metricsPort(v.isBlank() ? null : ConfigValues.integer(v)));
    KEYS.put("shutdown.grace", (s, v) -> s.b.shutdownGrace(ConfigValues.duration(v)));
  }

  /** Free-form producer settings live under this prefix, e.g. {@code kafka.properties.security.protocol}. */
  private static final String KAFKA_PROPERTIES = "kafka.properties.";

  private BridgeConfigLoader() {}

  /** Every key the file and the environment understand, in documentation order. */
  public static Set<String> keys() {
    return KEYS.keySet();
  }

  /** {@code limits.maxFileSize} → {@code IMAGESTORE_FTP_LIMITS_MAX_FILE_SIZE}. */
  public static String envName(String key) {
    StringBuilder out = new StringBuilder(ENV_PREFIX);
    for (char c : key.toCharArray()) {
      if (c == '.') {
        out.append('_');
      } else if (Character.isUpperCase(c)) {
        out.append('_').append(c);
      } else {
        out.append(Character.toUpperCase(c));
      }
    }
    return out.toString();
  }

  public static BridgeConfig load(Path yamlFile, Map<String, String> env) {
    Map<String, String> values = new TreeMap<>(readYaml(yamlFile));
    for (String key : KEYS.keySet()) {
      String override = env.get(envName(key));
      if (override != null) {
        values.put(key, override);
      }
    }
    Path base = yamlFile.toAbsolutePath().getParent();
    return build(values, base);
  }

  /** Builds from dotted keys; relative paths resolve against {@code base}. */
  public static BridgeConfig build(Map<String, String> values, Path base) {
    Setter setter = new Setter(base);
    Map<String, String> kafkaProps = new TreeMap<>();
    for (Map.Entry<String, String> e : values.entrySet()) {
      String key = e.getKey();
      if (key.startsWith(KAFKA_PROPERTIES)) {
        kafkaProps.put(key.substring(KAFKA_PROPERTIES.length()), e.getValue());
        continue;
      }
      BiConsumer<Setter, String> apply = KEYS.get(key);
      if (apply == null) {
        throw new IllegalArgumentException("unknown configuration key '" + key + "'");
      }
      try {
        apply.accept(setter, e.getValue().trim());
      } catch (RuntimeException ex) {
        throw new IllegalArgumentException("bad value for '" + key + "': " + ex.getMessage(), ex);
      }
    }
    setter.b.kafkaProperties(kafkaProps);
    return setter.finish();
  }

  static Map<String, String> readYaml(Path file) {
    Object root;
    try (InputStream in = Files.newInputStream(file)) {
      LoaderOptions options = new LoaderOptions();
      // A key given twice is a mistake whichever copy was meant: refuse it rather than pick one.
      options.setAllowDuplicateKeys(false);
      root = new Yaml(new SafeConstructor(options)).load(in);
    } catch (org.yaml.snakeyaml.error.MarkedYAMLException e) {
      // SnakeYAML's own message quotes the offending line, which may be a secret's; the cause is
      // dropped for the same reason (a stack trace would print it).
      throw new IllegalArgumentException(file + ": " + e.getProblem()
          + (e.getProblemMark() == null ? "" : " at line " + (e.getProblemMark().getLine() + 1)
              + ", column " + (e.getProblemMark().getColumn() + 1))
          + (e.getContext() == null ? "" : " (" + e.getContext() + ")"));
    } catch (org.yaml.snakeyaml.error.YAMLException e) {
      throw new IllegalArgumentException(file + ": not valid YAML (" + e.getClass().getSimpleName() + ")");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bridge configuration " + file, e);
    }
    Map<String, String> flat = new LinkedHashMap<>();
    if (root == null) {
      return flat;
    }
    if (!(root instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException(file + ": the top level must be a mapping of keys");
    }
    flatten("", map, flat);
    return flat;
  }

  private static void flatten(String prefix, Map<?, ?> map, Map<String, String> out) {
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = prefix + e.getKey();
      Object v = e.getValue();
      if (v instanceof Map<?, ?> nested) {
        flatten(key + ".", nested, out);
      } else if (v instanceof List<?> list) {
        List<String> items = new ArrayList<>();
        list.forEach(i -> items.add(String.valueOf(i)));
        out.put(key, String.join(",", items));
      } else {
        out.put(key, v == null ? "" : String.valueOf(v));
      }
    }
  }

  /** Mutable state while applying keys; the nested settings are assembled at the end. */
  private static final class Setter {
    final BridgeConfig.Builder b = BridgeConfig.builder();
    final Path base;
    Path tlsKeystore;
    String tlsPassword;
    boolean tlsRequired;
    String s3Endpoint;
    String s3Region;
    String s3AccessKey;
    String s3SecretKey;
    boolean s3PathStyle = true;
    // Built at the end: the call timeout is checked against the attempt timeout, whichever key came first.
    int s3Attempts = BridgeConfig.DEFAULT_OBJECT_STORE_CALLS.attempts();
    Duration s3AttemptTimeout = BridgeConfig.DEFAULT_OBJECT_STORE_CALLS.attemptTimeout();
    Duration s3CallTimeout = BridgeConfig.DEFAULT_OBJECT_STORE_CALLS.callTimeout();

    Setter(Path base) {
      this.base = base;
    }

    Path path(String v) {
      Path p = Path.of(v);
      return p.isAbsolute() || base == null ? p : base.resolve(p);
    }

    void limits(java.util.function.UnaryOperator<Limits> change) {
      b.limits(change.apply(b.limits()));
    }

    BridgeConfig finish() {
      if (tlsKeystore != null || tlsPassword != null || tlsRequired) {
        if (tlsKeystore == null) {
          throw new IllegalArgumentException("tls.keystore is required when tls.* is set");
        }
        b.tls(new BridgeConfig.Tls(tlsKeystore, tlsPassword, tlsRequired));
      }
      if (s3Endpoint != null || s3AccessKey != null || s3SecretKey != null) {
        for (var required : Arrays.asList(
            Map.entry("objectStore.endpoint", String.valueOf(s3Endpoint)),
            Map.entry("objectStore.accessKey", String.valueOf(s3AccessKey)),
            Map.entry("objectStore.secretKey", String.valueOf(s3SecretKey)))) {
          if (required.getValue().equals("null") || required.getValue().isBlank()) {
            throw new IllegalArgumentException(required.getKey() + " is required");
          }
        }
        b.objectStore(new ObjectStoreSettings(URI.create(s3Endpoint), s3Region, s3AccessKey, s3SecretKey, s3PathStyle));
      }
      S3CallPolicy defaults = BridgeConfig.DEFAULT_OBJECT_STORE_CALLS;
      try {
        b.objectStoreCalls(new S3CallPolicy(s3Attempts, defaults.initialBackoff(), defaults.maxBackoff(),
            s3AttemptTimeout, s3CallTimeout));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("objectStore.attempts, attemptTimeout, callTimeout: " + e.getMessage(), e);
      }
      return b.build();
    }
  }
}
