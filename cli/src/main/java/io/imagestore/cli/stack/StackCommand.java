package io.imagestore.cli.stack;

import io.imagestore.cluster.Stack;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code imagestore stack …}: the pipeline as separate processes, as its users run it. */
@Command(name = "stack", mixinStandardHelpOptions = true,
    description = {"The pipeline as separate processes on 127.0.0.1: 3 Kafka brokers (KRaft), ZooKeeper, a Flink "
        + "standalone session cluster (2 JobManagers with HA, 2 TaskManagers × 2 slots, RocksDB, checkpoints on the "
        + "object store), Ceph RGW or the S3 server, and the FTP bridge. PIDs and logs under the data dir."},
    subcommands = {StackUpCommand.class, StackDownCommand.class, StackStatusCommand.class, StackSubmitCommand.class,
        StackSavepointCommand.class, StackUpgradeCommand.class, StackKillCommand.class,
        StackAddTaskManagerCommand.class})
public final class StackCommand {
  @Option(names = "--data-dir", scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "The stack's data, configuration, PIDs and logs (default: ${DEFAULT-VALUE}).")
  Path dataDir = Path.of(".imagestore", "stack");

  Stack stack() {
    String home = System.getProperty("imagestore.home", ".");
    return new Stack(Path.of(home), dataDir);
  }
}
