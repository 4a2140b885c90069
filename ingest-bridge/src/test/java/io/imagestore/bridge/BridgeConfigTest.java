package io.imagestore.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BridgeConfigTest {
  @TempDir
  Path dir;

  private Path yaml(String... lines) throws IOException {
    return Files.writeString(dir.resolve("bridge.yaml"), String.join("\n", lines));
  }

  private static final String[] MINIMAL = {
      "users:", "  file: users.txt",
      "objectStore:", "  endpoint: http://127.0.0.1:9000", "  accessKey: ak", "  secretKey: sk",
      "kafka:", "  bootstrap: 127.0.0.1:9092"};

  @Test
  void minimalFileGetsTheDocumentedDefaults() throws IOException {
    BridgeConfig c = BridgeConfig.load(yaml(MINIMAL), Map.of());
    assertThat(c.host()).isEqualTo("127.0.0.1");
    assertThat(c.port()).isEqualTo(2121);
    assertThat(c.usersFile()).isEqualTo(dir.resolve("users.txt"));
    assertThat(c.bucket()).isEqualTo("originals");
    assertThat(c.uploadsTopic()).isEqualTo("image-uploads");
    assertThat(c.partSize()).isEqualTo(8L * 1024 * 1024);
    assertThat(c.asciiUploads()).isFalse();
    assertThat(c.limits().maxFileSize()).isEqualTo(1L << 30);
    assertThat(c.tls()).isNull();
    assertThat(c.metricsPort()).isNull();
    assertThat(c.objectStore().pathStyle()).isTrue();
    assertThat(c.bridgeInstance()).isNotBlank();
  }

  @Test
  void secretsNeverPrintInToStringOrInErrors() throws IOException {
    Path file = yaml("users: {file: users.txt}",
        "tls: {keystore: tls.p12, keystorePassword: KEYSTORE-PW-1}",
        "objectStore: {endpoint: 'http://rgw:7480', accessKey: ak, secretKey: S3-SECRET-2}",
        "kafka: {bootstrap: 'k:9092', properties: {security.protocol: SASL_SSL, sasl.mechanism: PLAIN,",
        "  sasl.jaas.config: 'org.apache.kafka.common.security.plain.PlainLoginModule required username=u password=\"JAAS-PW-3\";',",
        "  ssl.truststore.password: TRUST-PW-4, ssl.key.password: KEY-PW-5, ssl.keystore.password: KS-PW-6,",
        "  sasl.oauthbearer.client.credentials.client.secret: OAUTH-7, ssl.truststore.location: /etc/trust.p12}}");
    BridgeConfig c = BridgeConfig.load(file, Map.of("IMAGESTORE_FTP_OBJECT_STORE_SECRET_KEY", "ENV-SECRET-8"));
    assertThat(c.objectStore().secretKey()).isEqualTo("ENV-SECRET-8");
    assertThat(c.kafkaProperties()).containsEntry("ssl.key.password", "KEY-PW-5");
    for (String printed : List.of(c.toString(), c.tls().toString(), c.objectStore().toString(),
        c.toBuilder().build().toString())) {
      assertThat(printed).doesNotContain("PW-", "SECRET", "OAUTH-7");
    }
    assertThat(c.toString()).contains("sasl.jaas.config=[redacted]", "ssl.key.password=[redacted]",
        "keystorePassword=[redacted]", "security.protocol=SASL_SSL", "ssl.truststore.location=/etc/trust.p12",
        "accessKey=ak");

    // A YAML error quotes no line of the file: the line may hold a secret.
    Path broken = yaml("objectStore:", "  secretKey: S3-SECRET-9: oops", "  accessKey: ak");
    assertThatThrownBy(() -> BridgeConfig.load(broken, Map.of()))
        .hasMessageContaining("line 2").hasMessageNotContaining("S3-SECRET-9")
        .satisfies(e -> assertThat(e.getCause()).isNull());
    Path twice = yaml("objectStore:", "  secretKey: S3-SECRET-10", "  secretKey: S3-SECRET-11");
    assertThatThrownBy(() -> BridgeConfig.load(twice, Map.of()))
        .hasMessageContaining("secretKey").hasMessageNotContaining("S3-SECRET-1");
  }

  @Test
  void everyKeyIsReadAndEnvironmentOverridesWin() throws IOException {
    Path file = yaml("listen: {host: 0.0.0.0, port: 21}", "passive: {ports: 30000-30010, externalAddress: 203.0.113.7}",
        "users: {file: /etc/imagestore/users.txt}",
        "tls: {keystore: tls.p12, keystorePassword: pw, required: true}",
        "limits: {maxConnections: 10, maxConnectionsPerIp: 2, maxFileSize: 50MiB, idleTimeout: 2m, dataTimeout: 30s,",
        "  maxLoginFailures: 3, loginFailureWindow: 5m, banTime: 1h, loginFailureDelay: 250ms,",
        "  loginTimeout: 20s, maxPreLoginConnections: 6, maxPreLoginConnectionsPerIp: 3}",
        "uploads: {tempNamePatterns: ['*.tmp', '*.upload'], partSize: 16MiB, asciiMode: true}",
        "objectStore: {endpoint: 'http://rgw:7480', region: eu-1, accessKey: ak, secretKey: sk, pathStyle: true,",
        "  bucket: b, originalsPrefix: o/, stagingPrefix: s/, namespacePrefix: n/, callTimeout: 2m, attemptTimeout: 90s,",
        "  attempts: 4}",
        "kafka: {bootstrap: 'k:9092', topic: t, ackTimeout: 10s, properties: {security.protocol: SSL}}",
        "bridgeInstance: bridge-1", "metrics: {host: 0.0.0.0, port: 9464}", "shutdown: {grace: 20s}");
    BridgeConfig c = BridgeConfig.load(file, Map.of(
        "IMAGESTORE_FTP_LISTEN_PORT", "2121",
        "IMAGESTORE_FTP_LIMITS_MAX_FILE_SIZE", "100MiB",
        "IMAGESTORE_FTP_OBJECT_STORE_SECRET_KEY", "from-env"));
    assertThat(c.host()).isEqualTo("0.0.0.0");
    assertThat(c.port()).isEqualTo(2121);
    assertThat(c.passivePorts()).isEqualTo("30000-30010");
    assertThat(c.passiveExternalAddress()).isEqualTo("203.0.113.7");
    assertThat(c.usersFile()).isEqualTo(Path.of("/etc/imagestore/users.txt"));
    assertThat(c.tls().keystore()).isEqualTo(dir.resolve("tls.p12"));
    assertThat(c.tls().required()).isTrue();
    assertThat(c.limits()).isEqualTo(new BridgeConfig.Limits(10, 2, 100L << 20, Duration.ofMinutes(2),
        Duration.ofSeconds(30), 3, Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofMillis(250),
        Duration.ofSeconds(20), 6, 3));
    // Read in any order: the attempt timeout above the default call timeout is fine with its own call timeout.
    assertThat(c.objectStoreCalls()).isEqualTo(new io.imagestore.objectstore.S3CallPolicy(4,
        BridgeConfig.DEFAULT_OBJECT_STORE_CALLS.initialBackoff(), BridgeConfig.DEFAULT_OBJECT_STORE_CALLS.maxBackoff(),
        Duration.ofSeconds(90), Duration.ofMinutes(2)));
    assertThat(c.tempNamePatterns()).containsExactly("*.tmp", "*.upload");
    assertThat(c.partSize()).isEqualTo(16L << 20);
    assertThat(c.asciiUploads()).isTrue();
    assertThat(c.objectStore().secretKey()).isEqualTo("from-env");
    assertThat(c.objectStore().region()).isEqualTo("eu-1");
    assertThat(List.of(c.bucket(), c.originalsPrefix(), c.stagingPrefix(), c.namespacePrefix()))
        .containsExactly("b", "o/", "s/", "n/");
    assertThat(c.kafkaBootstrap()).isEqualTo("k:9092");
    assertThat(c.uploadsTopic()).isEqualTo("t");
    assertThat(c.kafkaAckTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.kafkaProperties()).containsExactly(Map.entry("security.protocol", "SSL"));
    assertThat(c.bridgeInstance()).isEqualTo("bridge-1");
    assertThat(c.metricsPort()).isEqualTo(9464);
    assertThat(c.shutdownGrace()).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void errorsNameTheKey() throws IOException {
    assertThatThrownBy(() -> BridgeConfig.load(yaml(concat(MINIMAL, "limits: {maxFileSiz: 1}")), Map.of()))
        .hasMessageStartingWith("limits.maxFileSiz: unknown key (known here: ").hasMessageContaining("maxFileSize");
    assertThatThrownBy(() -> BridgeConfig.load(yaml(MINIMAL), Map.of("IMAGESTORE_FTP_LISTEN_PORT", "ftp")))
        .hasMessage("listen.port: expected a whole number, got 'ftp'");
    assertThatThrownBy(() -> BridgeConfig.load(yaml(concat(MINIMAL, "uploads: {partSize: 1MiB}")), Map.of()))
        .hasMessageContaining("uploads.partSize");
    assertThatThrownBy(() -> BridgeConfig.load(yaml("users: {file: u}"), Map.of()))
        .hasMessageContaining("objectStore.endpoint");
    String store = "objectStore: {endpoint: 'http://x:1', accessKey: a, secretKey: s}";
    assertThatThrownBy(() -> BridgeConfig.load(yaml("users: {file: u}", store,
        "kafka: {bootstrap: k, properties: {acks: '1'}}"), Map.of()))
        .hasMessageContaining("kafka.properties.acks");
    assertThatThrownBy(() -> BridgeConfig.load(yaml("users: {file: u}", "kafka: {bootstrap: k}",
        "objectStore: {endpoint: 'http://x:1', accessKey: a, secretKey: s, stagingPrefix: originals/x/}"), Map.of()))
        .hasMessageContaining("must not overlap");
    assertThatThrownBy(() -> BridgeConfig.load(yaml(concat(MINIMAL, "kafka: {topic: t}")), Map.of()))
        .hasMessageContaining("key 'kafka' given twice").hasMessageContaining("line 9");
  }

  @Test
  void envNamesFollowTheKeys() {
    assertThat(BridgeConfig.environmentName("limits.maxFileSize")).isEqualTo("IMAGESTORE_FTP_LIMITS_MAX_FILE_SIZE");
    assertThat(BridgeConfig.environmentName("objectStore.secretKey")).isEqualTo("IMAGESTORE_FTP_OBJECT_STORE_SECRET_KEY");
    assertThat(BridgeConfig.environmentName("bridgeInstance")).isEqualTo("IMAGESTORE_FTP_BRIDGE_INSTANCE");
  }

  @Test
  void everyKeyIsDocumentedAndTakesItsEnvironmentOverride() throws IOException {
    String doc = Files.readString(Path.of("../docs/ingest-bridge.md"));
    for (String key : BridgeConfig.keys()) {
      assertThat(doc).as("docs/ingest-bridge.md documents %s", key).contains("| `" + key);
    }
    assertThat(BridgeConfig.keys()).contains("listen.port", "limits.maxPreLoginConnectionsPerIp", "uploads.asciiMode",
        "objectStore.callTimeout", "kafka.properties", "metrics.port", "shutdown.grace", "bridgeInstance");
    // Every key, set only by its environment variable, reaches the configuration.
    BridgeConfig c = BridgeConfig.load(yaml(MINIMAL), Map.of(
        BridgeConfig.environmentName("passive.externalAddress"), "203.0.113.9",
        BridgeConfig.environmentName("uploads.tempNamePatterns"), "*.tmp, *.wip",
        BridgeConfig.environmentName("limits.loginTimeout"), "40s",
        BridgeConfig.environmentName("metrics.port"), "9464",
        BridgeConfig.environmentName("objectStore.initialBackoff"), "250ms"));
    assertThat(c.passiveExternalAddress()).isEqualTo("203.0.113.9");
    assertThat(c.tempNamePatterns()).containsExactly("*.tmp", "*.wip");
    assertThat(c.limits().loginTimeout()).isEqualTo(Duration.ofSeconds(40));
    assertThat(c.metricsPort()).isEqualTo(9464);
    assertThat(c.objectStoreCalls().initialBackoff()).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void aDurationWithoutItsUnitIsRefusedRatherThanReadAsMillisecondsOrSeconds() throws IOException {
    assertThatThrownBy(() -> BridgeConfig.load(yaml(concat(MINIMAL, "shutdown: {grace: 30}")), Map.of()))
        .hasMessageStartingWith("shutdown.grace: expected a duration with its unit");
    assertThatThrownBy(() -> BridgeConfig.load(yaml(MINIMAL), Map.of(BridgeConfig.environmentName("kafka.ackTimeout"), "30")))
        .hasMessageStartingWith("kafka.ackTimeout: expected a duration with its unit");
    assertThatThrownBy(() -> BridgeConfig.load(yaml(concat(MINIMAL, "limits: {maxConnections: 10.5}")), Map.of()))
        .hasMessageStartingWith("limits.maxConnections: expected a whole number");
    assertThatThrownBy(() -> BridgeConfig.load(yaml(concat(MINIMAL, "uploads: {partSize: lots}")), Map.of()))
        .hasMessage("uploads.partSize: expected a size such as 1048576, 8MiB or 1GiB, got 'lots'");
    assertThatThrownBy(() -> BridgeConfig.load(yaml(concat(MINIMAL, "uploads: {asciiMode: maybe}")), Map.of()))
        .hasMessageStartingWith("uploads.asciiMode: expected true or false");
    assertThatThrownBy(() -> BridgeConfig.load(yaml(concat(MINIMAL, "listen: [a, b]")), Map.of()))
        .hasMessageStartingWith("listen: expected a mapping of keys to values");
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
