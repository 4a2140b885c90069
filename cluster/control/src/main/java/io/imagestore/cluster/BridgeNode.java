package io.imagestore.cluster;

import io.imagestore.bridge.UsersFile;
import io.imagestore.objectstore.ObjectStoreSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The FTP ingest bridge as its own JVM, with one camera account made up for the stack. */
final class BridgeNode {
  static final String NAME = "bridge";
  static final String USER = "camera";

  private final StackLayout layout;
  private final ManagedProcesses processes;
  private final Runtimes runtimes;
  private final StackPorts ports;

  BridgeNode(StackLayout layout, ManagedProcesses processes, Runtimes runtimes, StackPorts ports) {
    this.layout = layout;
    this.processes = processes;
    this.runtimes = runtimes;
    this.ports = ports;
  }

  /** Creates the users file with the camera account; returns its password. */
  String createAccount() {
    String password = RandomSecrets.hex(9);
    Path users = usersFile();
    layout.createDirectories(users.getParent());
    UsersFile.addUser(users, USER, password, USER);
    return password;
  }

  void start(ObjectStoreSettings store, StackBuckets buckets, String kafkaBootstrap, String uploadsTopic) {
    Path config = ConfigFiles.write(layout.conf().resolve("bridge.yaml"), String.join("\n",
        "# Written by bin/imagestore stack up; every key: docs/ingest-bridge.md. Endpoint keys come",
        "# from the environment (IMAGESTORE_FTP_*), as in the compose topology.",
        "listen:",
        "  host: 127.0.0.1",
        "  port: " + ports.ftp(),
        "passive:",
        "  ports: " + ports.passiveFirst() + "-" + ports.passiveLast(),
        "users:",
        "  file: " + usersFile(),
        "limits:",
        "  maxConnections: " + StackPorts.PASSIVE_PORTS,
        "  maxConnectionsPerIp: 16",
        "uploads:",
        "  partSize: 8MiB",
        "kafka:",
        "  topic: " + uploadsTopic,
        "metrics:",
        "  host: 127.0.0.1",
        "  port: " + ports.bridgeMetrics(),
        ""));
    Map<String, String> env = new LinkedHashMap<>();
    env.put("IMAGESTORE_FTP_OBJECT_STORE_ENDPOINT", store.endpoint().toString());
    env.put("IMAGESTORE_FTP_OBJECT_STORE_REGION", store.region());
    env.put("IMAGESTORE_FTP_OBJECT_STORE_ACCESS_KEY", store.accessKey());
    env.put("IMAGESTORE_FTP_OBJECT_STORE_SECRET_KEY", store.secretKey());
    env.put("IMAGESTORE_FTP_OBJECT_STORE_BUCKET", buckets.originals());
    env.put("IMAGESTORE_FTP_KAFKA_BOOTSTRAP", kafkaBootstrap);
    env.put("IMAGESTORE_FTP_BRIDGE_INSTANCE", "stack-bridge-1");
    // Heap: one part buffer per connection (32 × 8 MiB) plus the server itself.
    processes.start(NAME, new JavaCommand("io.imagestore.bridge.BridgeMain", runtimes.services())
        .jvm("-Xmx640m", "-XX:+ExitOnOutOfMemoryError")
        .jvm(StackLogging.options(layout, NAME))
        .env(env)
        .args(config.toString()));
  }

  Duration awaitReady(Duration timeout) {
    return Waits.until("the FTP bridge on 127.0.0.1:" + ports.ftp() + " to greet with 220", timeout, () -> {
      if (!processes.isRunning(NAME)) {
        throw new StackException("the bridge exited; see " + layout.processOutput(NAME));
      }
      return greets();
    }, "see " + layout.processOutput(NAME));
  }

  boolean greets() throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), ports.ftp()), 1000);
      socket.setSoTimeout(3000);
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      String greeting = in.readLine();
      socket.getOutputStream().write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
      return greeting != null && greeting.startsWith("220");
    }
  }

  Path usersFile() {
    return layout.data(NAME).resolve("users.txt");
  }
}
