package io.imagestore.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code bench bridge} end to end on tiny settings: the real stack, bridge and uploads, no figures checked. */
class BridgeBenchIT {

  @Test
  void printsTheTableAndTheRatioAsItsLastLine() {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);
    int exit = new CommandLine(new BridgeBench(out)).execute("--sizes", "64KiB,6MiB", "--clients", "1,2",
        "--small-files", "3", "--large-files", "2", "--rounds", "1");

    String printed = captured.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(printed).isZero();
    List<String> lines = printed.lines().toList();
    assertThat(lines).anyMatch(l -> l.matches("64 KiB +1 +FTP login per file .*x"))
        .anyMatch(l -> l.matches("6 MiB +2 +FTP one session .*x"))
        .anyMatch(l -> l.matches("6 MiB +2 +direct PUT .* 1\\.0 +1\\.00x"));
    assertThat(lines.get(lines.size() - 1)).matches("bridge_vs_direct_put=\\d+\\.\\d\\d");
  }
}
