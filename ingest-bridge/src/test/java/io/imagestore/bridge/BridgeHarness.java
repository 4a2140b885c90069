package io.imagestore.bridge;

import io.imagestore.stack.fixtures.GeneratedStream;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagestore.schemas.ContractCodec;
import io.imagestore.schemas.UploadEvent;
import io.imagestore.stack.LocalStackExtension;
import io.imagestore.stack.StackEndpoints;
import io.imagestore.stack.TopicReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** A bridge on a test class's embedded stack, plus the counts every failure test asserts. */
final class BridgeHarness implements AutoCloseable {
  static final String USER = "camera";
  static final String PASSWORD = "s3cret-camera";

  final LocalStackExtension stack;
  final Path dir;
  final IngestBridge bridge;
  final S3Client s3;

  private BridgeHarness(LocalStackExtension stack, Path dir, IngestBridge bridge) {
    this.stack = stack;
    this.dir = dir;
    this.bridge = bridge;
    this.s3 = stack.s3();
  }

  static BridgeHarness start(LocalStackExtension stack, UnaryOperator<BridgeConfig.Builder> tweak) throws IOException {
    Path dir = Files.createTempDirectory(stack.endpoints().dataDir(), "bridge-");
    Path users = dir.resolve("users.txt");
    UsersFile.addUser(users, USER, PASSWORD, null);
    UsersFile.addUser(users, "partner", "partner-pw", "partners/acme");
    BridgeConfig config = tweak.apply(baseConfig(stack.endpoints(), users)).build();
    return new BridgeHarness(stack, dir, IngestBridge.start(config));
  }

  static BridgeConfig.Builder baseConfig(StackEndpoints endpoints, Path users) {
    return BridgeConfig.builder()
        .port(0)
        .usersFile(users)
        .objectStore(endpoints.objectStore())
        .bucket(endpoints.buckets().originals())
        .kafkaBootstrap(endpoints.kafkaBootstrap())
        .uploadsTopic(endpoints.topics().uploads())
        .partSize(BridgeConfig.MIN_PART_SIZE)
        .kafkaAckTimeout(Duration.ofSeconds(5))
        .bridgeInstance("test-bridge")
        // Tests connect from 127.0.0.1 one after another faster than the server sees each close:
        // the pre-login share per address is PreLoginLimitsIT's subject, not theirs.
        .limits(BridgeConfig.Limits.defaults().withLoginFailures(5, Duration.ofMinutes(15), Duration.ZERO)
            .withPreLogin(Duration.ofSeconds(15), null, 8));
  }

  FTPClient login() throws IOException {
    return login(USER, PASSWORD);
  }

  FTPClient login(String user, String password) throws IOException {
    return login(user, password, new FTPClient());
  }

  /** Commands and replies in UTF-8, as FileZilla and lftp send names (commons-net's default is Latin-1). */
  FTPClient loginUtf8() throws IOException {
    FTPClient ftp = new FTPClient();
    ftp.setControlEncoding("UTF-8");
    return login(USER, PASSWORD, ftp);
  }

  private FTPClient login(String user, String password, FTPClient ftp) throws IOException {
    ftp.setConnectTimeout(10_000);
    ftp.setDefaultTimeout(30_000);
    ftp.connect(bridge.host(), bridge.port());
    ftp.setSoTimeout(30_000);
    assertThat(ftp.login(user, password)).as("login %s: %s", user, ftp.getReplyString()).isTrue();
    ftp.enterLocalPassiveMode();
    ftp.setFileType(FTP.BINARY_FILE_TYPE);
    return ftp;
  }

  String url(String path) {
    return "ftp://" + USER + ":" + PASSWORD + "@" + bridge.host() + ":" + bridge.port() + path;
  }

  /** Committed upload events whose path is {@code originalPath} (after a short quiet period). */
  List<UploadEvent> events(String sourceId, String originalPath) {
    List<UploadEvent> out = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> r : TopicReader.readCommitted(stack.endpoints().kafkaBootstrap(),
        stack.endpoints().topics().uploads(), Duration.ofSeconds(2), Duration.ofSeconds(30))) {
      UploadEvent e = read(r);
      assertThat(r.key()).isEqualTo(e.sha256());
      if (e.sourceId().equals(sourceId) && e.originalPath().equals(originalPath)) {
        out.add(e);
      }
    }
    return out;
  }

  List<UploadEvent> events(String originalPath) {
    return events(USER, originalPath);
  }

  static UploadEvent read(ConsumerRecord<String, byte[]> r) {
    try {
      return ContractCodec.shared().read(r.value(), UploadEvent.class);
    } catch (Exception e) {
      throw new AssertionError("event violates its contract: " + new String(r.value()), e);
    }
  }

  List<String> keys(String prefix) {
    return s3.listObjectsV2Paginator(b -> b.bucket(bucket()).prefix(prefix)).contents().stream()
        .map(S3Object::key).toList();
  }

  int openMultipartUploads() {
    return s3.listMultipartUploads(b -> b.bucket(bucket())).uploads().size();
  }

  String bucket() {
    return stack.endpoints().buckets().originals();
  }

  @Override
  public void close() {
    bridge.close();
  }

  /** PASV and a data connection opened by the test itself, to break it the way a real client can. */
  static java.net.Socket passiveData(FTPClient ftp, String localAddress) throws IOException {
    assertThat(ftp.pasv()).isEqualTo(227);
    String reply = ftp.getReplyString();
    String[] f = reply.substring(reply.indexOf('(') + 1, reply.indexOf(')')).split(",");
    String host = f[0] + "." + f[1] + "." + f[2] + "." + f[3];
    int port = Integer.parseInt(f[4].trim()) * 256 + Integer.parseInt(f[5].trim());
    java.net.Socket data = new java.net.Socket();
    if (localAddress != null) {
      data.bind(new java.net.InetSocketAddress(localAddress, 0));
    }
    data.connect(new java.net.InetSocketAddress(host, port), 10_000);
    return data;
  }

  /** Deterministic pseudo-random bytes, so large inputs never sit on disk or in memory. */
  static InputStream generated(long size, long seed) {
    return new GeneratedStream(seed, size);
  }

  static String sha256(InputStream in) throws IOException {
    try (in) {
      java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
      return java.util.HexFormat.of().formatHex(md.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
