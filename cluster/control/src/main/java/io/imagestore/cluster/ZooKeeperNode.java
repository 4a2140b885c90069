package io.imagestore.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A standalone ZooKeeper server for Flink's high availability (leader election of the
 * JobManagers and the pointers to job graphs and checkpoints kept on the object store).
 */
final class ZooKeeperNode {
  static final String NAME = "zookeeper";

  private final StackLayout layout;
  private final ManagedProcesses processes;
  private final Runtimes runtimes;
  private final int port;

  ZooKeeperNode(StackLayout layout, ManagedProcesses processes, Runtimes runtimes, int port) {
    this.layout = layout;
    this.processes = processes;
    this.runtimes = runtimes;
    this.port = port;
  }

  String quorum() {
    return "127.0.0.1:" + port;
  }

  void start() {
    Path dataDir = layout.createDirectories(layout.data(NAME));
    Path config = layout.conf().resolve("zoo.cfg");
    ConfigFiles.write(config, String.join("\n",
        "dataDir=" + dataDir,
        "clientPort=" + port,
        "clientPortAddress=127.0.0.1",
        "tickTime=2000",
        "initLimit=10",
        "syncLimit=5",
        "maxClientCnxns=0",
        "admin.enableServer=false",
        "4lw.commands.whitelist=srvr",
        "autopurge.purgeInterval=1",
        ""));
    processes.start(NAME, new JavaCommand("org.apache.zookeeper.server.quorum.QuorumPeerMain", runtimes.zookeeper())
        .jvm("-Xmx256m")
        .jvm(StackLogging.options(layout, NAME))
        .jvm("-Dzookeeper.log.dir=" + layout.logs())
        .args(config.toString()));
  }

  Duration awaitReady(Duration timeout) {
    return Waits.until("ZooKeeper on " + quorum() + " to serve (srvr: Mode standalone)", timeout, () -> {
      processes.requireRunning(NAME);
      return serves();
    },
        "see " + layout.processOutput(NAME));
  }

  /** {@code ruok} answers imok even when the server failed to load its data; {@code srvr} does not. */
  boolean serves() throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
      socket.setSoTimeout(2000);
      OutputStream out = socket.getOutputStream();
      out.write("srvr".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII).contains("Mode: standalone");
    }
  }
}
