package io.imagestore.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code bench pipeline} end to end on the shipped samples: the real stack, bridge, job and FTP
 * clients. Checks the report's shape and that every upload got its committed record — counts,
 * never speed.
 */
class PipelineBenchIT {

  @TempDir Path out;

  @Test
  void everyUploadGetsItsRecordAndTheReportEndsWithTheRatio() throws Exception {
    Path samples = samples();
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream console = new PrintStream(captured, true, StandardCharsets.UTF_8);
    // 10 uploads of 4 photos: each photo goes up more than once, and still gets a record each time.
    int exit = new CommandLine(new PipelineBench(console)).execute("--photos", samples.toString(),
        "--photos-count", "10", "--out", out.toString());

    String printed = captured.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(printed).isZero();
    List<String> lines = printed.lines().toList();
    assertThat(lines)
        .anyMatch(l -> l.matches("kernel alone \\(\\d+ threads, same photos\\) +10 .* 1\\.00x +1\\.00x"))
        .anyMatch(l -> l.matches("pipeline: FTP 226 \\.\\. committed record +10 .*\\d\\.\\d\\dx +\\d+\\.\\d\\dx"))
        .contains("uploads 10, metadata records 10, rejects 0")
        .contains("CPU ms per photo in the pipeline, by thread group:")
        .anyMatch(l -> l.matches(" +\\d+\\.\\d  job: Flink tasks .*"))
        .anyMatch(l -> l.matches("latency 226 -> record visible to read_committed: p50 [\\d.]+ s, p99 [\\d.]+ s, "
            + "max [\\d.]+ s"));
    assertThat(lines.get(lines.size() - 1)).matches("pipeline_vs_kernel=\\d+\\.\\d\\d p99_latency_s=\\d+\\.\\d\\d");

    try (Stream<Path> kept = Files.list(out)) {
      assertThat(kept.map(p -> p.getFileName().toString()).toList()).containsExactlyInAnyOrder(
          "landscape.jpg.preview.jpg", "landscape.jpg.thumb.jpg", "panorama.jpg.preview.jpg",
          "panorama.jpg.thumb.jpg", "portrait-exif-orientation-6.jpg.preview.jpg",
          "portrait-exif-orientation-6.jpg.thumb.jpg", "square.jpg.preview.jpg", "square.jpg.thumb.jpg");
    }
  }

  private static Path samples() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("samples"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("samples/ above the working directory").isNotNull();
    return dir.resolve("samples");
  }
}
