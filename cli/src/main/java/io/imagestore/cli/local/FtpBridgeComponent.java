package io.imagestore.cli.local;

import io.imagestore.bridge.BridgeConfig;
import io.imagestore.bridge.IngestBridge;
import io.imagestore.bridge.UsersFile;
import io.imagestore.stack.StackComponent;
import io.imagestore.stack.StackEndpoints;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The FTP bridge for the local stack, with one account for trying it out. Its password is made
 * up on the first start and kept in the data dir (owner-only), so restarts and scripts keep
 * working; the users file itself holds only the salted hash.
 */
public final class FtpBridgeComponent implements StackComponent {
  static final String LOCAL_USER = "camera";

  private final Path dir;
  private final String host;
  private final int port;
  private IngestBridge bridge;
  private String password;

  public FtpBridgeComponent(Path dir, String host, int port) {
    this.dir = dir;
    this.host = host;
    this.port = port;
  }

  @Override
  public String name() {
    return "ftp-bridge";
  }

  @Override
  public void start(StackEndpoints endpoints) throws IOException {
    Path usersFile = dir.resolve("users.txt");
    password = localPassword(usersFile);
    BridgeConfig config = BridgeConfig.builder()
        .host(host)
        .port(port)
        .usersFile(usersFile)
        .objectStore(endpoints.objectStore())
        .bucket(endpoints.buckets().originals())
        .kafkaBootstrap(endpoints.kafkaBootstrap())
        .uploadsTopic(endpoints.topics().uploads())
        .bridgeInstance("local")
        .build();
    bridge = IngestBridge.start(config);
  }

  private String localPassword(Path usersFile) throws IOException {
    Path passwordFile = dir.resolve("local-password");
    if (Files.exists(passwordFile) && Files.exists(usersFile)) {
      return Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
    }
    byte[] random = new byte[9];
    new SecureRandom().nextBytes(random);
    String made = HexFormat.of().formatHex(random);
    Files.createDirectories(dir);
    Files.writeString(passwordFile, made + "\n", StandardCharsets.UTF_8);
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
    }
    UsersFile.addUser(usersFile, LOCAL_USER, made, LOCAL_USER);
    return made;
  }

  @Override
  public Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("IMAGESTORE_FTP_HOST", bridge.host());
    env.put("IMAGESTORE_FTP_PORT", Integer.toString(bridge.port()));
    env.put("IMAGESTORE_FTP_USER", LOCAL_USER);
    env.put("IMAGESTORE_FTP_PASSWORD", password);
    return env;
  }

  @Override
  public void close() {
    if (bridge != null) {
      bridge.close();
    }
  }
}
