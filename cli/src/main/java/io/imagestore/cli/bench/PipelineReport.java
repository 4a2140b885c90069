package io.imagestore.cli.bench;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;

/** The table and last line of {@code bench pipeline}. */
record PipelineReport(BenchSpan kernel, BenchSpan pipeline, int cores, long[] latencyNanos,
    long metadataRecords, long rejectRecords, long uploads, String cpuCounts) {

  double ratio() {
    return pipeline.photosPerSecond() / kernel.photosPerSecond();
  }

  /** Nearest rank: the smallest latency with at least {@code p} of all at or below it. */
  double latencySeconds(double p) {
    long[] sorted = latencyNanos.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, rank - 1)] / 1e9;
  }

  void print(PrintStream out) {
    out.println();
    out.printf(Locale.ROOT, "%-44s %7s %8s %9s %13s %11s %10s %10s%n",
        "what", "photos", "wall s", "photos/s", "CPU ms/photo", "cores busy", "photos/s", "photos/CPU");
    out.printf(Locale.ROOT, "%-44s %7s %8s %9s %13s %11s %21s%n", "", "", "", "", "", "", "vs kernel");
    row(out, "kernel alone (" + cores + " threads, same photos)", kernel);
    row(out, "pipeline: FTP 226 .. committed record", pipeline);
    out.printf(Locale.ROOT, "uploads %d, metadata records %d, rejects %d%n", uploads, metadataRecords, rejectRecords);
    out.printf(Locale.ROOT, "latency 226 -> record visible to read_committed: p50 %.2f s, p99 %.2f s, max %.2f s%n",
        latencySeconds(0.50), latencySeconds(0.99), latencySeconds(1.0));
    out.println("(CPU per photo: " + cpuCounts + "; the clients push as fast as the bridge accepts, so "
        + "latency includes the job's backlog; pipeline_vs_kernel is the photos/s ratio)");
    out.printf(Locale.ROOT, "pipeline_vs_kernel=%.2f p99_latency_s=%.2f%n", ratio(), latencySeconds(0.99));
  }

  private void row(PrintStream out, String what, BenchSpan span) {
    out.printf(Locale.ROOT, "%-44s %7d %8.1f %9.2f %13.1f %10.0f%% %9.2fx %9.2fx%n", what, span.photos(),
        span.wallNanos() / 1e9, span.photosPerSecond(), span.cpuMillisPerPhoto(), 100 * span.coresBusy(cores),
        span.photosPerSecond() / kernel.photosPerSecond(), kernel.cpuMillisPerPhoto() / span.cpuMillisPerPhoto());
  }
}
