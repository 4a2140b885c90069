package io.imagestore.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagestore.cluster.JobJar;
import io.imagestore.cluster.Stack;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code bench pipeline --stack} against a real standalone stack — 3 brokers, ZooKeeper, 2
 * JobManagers, 2 TaskManagers, Ceph RGW where installed, the bridge, each its own process, the
 * job jar submitted with Flink's CLI — run twice on the same stack: the second run counts its
 * own uploads' records only, not the first run's. Counts and the report's shape, never speed.
 */
@Tag("faults")
class StandalonePipelineBenchIT {
  /** Its own ports: the fault suite's stack uses 19400 and up. */
  private static final int BASE_PORT = 19600;
  private static final Consumer<String> PROGRESS = line -> System.out.println("bench stack: " + line);

  private static Path projectHome;
  private static Stack stack;

  @BeforeAll
  static void up() {
    projectHome = Path.of("").toAbsolutePath().getParent();
    System.setProperty("imagestore.home", projectHome.toString());
    Path dataDir = projectHome.resolve("cli/target/bench-stack");
    stack = new Stack(projectHome, dataDir);
    stack.down(PROGRESS); // leftovers of an interrupted run: only what it recorded
    stack.up(Stack.defaultObjectStore(), BASE_PORT, PROGRESS);
    stack.jobs().submit(JobJar.locate(projectHome), stack.jobs().defaultConfig(), List.of(), null, PROGRESS);
  }

  @AfterAll
  static void down() throws IOException {
    if (stack != null) {
      stack.down(PROGRESS);
      ScratchDirs.delete(stack.layout().dataDir());
    }
  }

  @Test
  void eachRunOnTheSameStackGetsARecordForEachOfItsOwnUploads() {
    String objectStore = Stack.defaultObjectStore() == Stack.ObjectStoreKind.CEPH ? "Ceph RGW" : "the S3 server";
    for (int run = 1; run <= 2; run++) {
      List<String> lines = bench(8);
      assertThat(lines).as("run %d", run)
          .anyMatch(l -> l.startsWith("  on the standalone stack in ") && l.contains(objectStore)
              && l.contains("2 TaskManagers"))
          .anyMatch(l -> l.matches("pipeline: FTP 226 \\.\\. committed record +8 .*\\d\\.\\d\\dx +\\d+\\.\\d\\dx"))
          .contains("uploads 8, metadata records 8, rejects 0")
          .contains("CPU ms per photo in the pipeline, by process:")
          .anyMatch(l -> l.matches(" +\\d+\\.\\d  taskmanager \\(2 processes\\)"))
          .anyMatch(l -> l.matches(" +\\d+\\.\\d  kafka \\(3 processes\\)"))
          .anyMatch(l -> l.matches(" +\\d+\\.\\d  bridge"));
      if (objectStore.equals("Ceph RGW")) {
        assertThat(lines).anyMatch(l -> l.matches(" +\\d+\\.\\d  ceph-osd \\(3 processes\\)"))
            .anyMatch(l -> l.matches(" +\\d+\\.\\d  radosgw"));
      }
      assertThat(lines.get(lines.size() - 1)).matches("pipeline_vs_kernel=\\d+\\.\\d\\d p99_latency_s=\\d+\\.\\d\\d");
    }
  }

  private static List<String> bench(int uploads) {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream console = new PrintStream(captured, true, StandardCharsets.UTF_8);
    int exit = new CommandLine(new PipelineBench(console)).execute(
        "--photos", projectHome.resolve("samples").toString(), "--photos-count", Integer.toString(uploads),
        "--stack", stack.layout().dataDir().toString());
    String printed = captured.toString(StandardCharsets.UTF_8);
    System.out.print(printed);
    assertThat(exit).as(printed).isZero();
    return printed.lines().toList();
  }
}
