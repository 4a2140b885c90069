package io.imagestore.cli;

import io.imagestore.cli.bench.BenchCommand;
import io.imagestore.cli.local.LocalCommand;
import io.imagestore.cli.stack.StackCommand;
import io.imagestore.cluster.StackException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/imagestore}: one entry point for users. The launcher handles {@code ceph} itself. */
@Command(
    name = "imagestore",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    versionProvider = ProjectVersion.class,
    description = "Distributed image store: FTP ingest, Kafka, Flink, S3/Ceph RGW.",
    subcommands = {LocalCommand.class, StackCommand.class, BenchCommand.class, CommandLine.HelpCommand.class},
    footer = {"", "Also, a single-host Ceph cluster (docs/ceph.md):",
        "  imagestore ceph start|stop|status|wait-clean",
        "  imagestore ceph stop-osd N|start-osd N|add-osd|remove-osd N"})
public final class ImagestoreCli {

  public static void main(String[] args) {
    System.exit(new CommandLine(new ImagestoreCli())
        .setExecutionExceptionHandler((e, commandLine, parsed) -> {
          // Stack failures say what failed and which log to read; a stack trace would bury that.
          if (e instanceof StackException) {
            commandLine.getErr().println("imagestore: " + e.getMessage());
            return 1;
          }
          throw e;
        })
        .execute(args));
  }
}
