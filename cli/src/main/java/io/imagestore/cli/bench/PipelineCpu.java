package io.imagestore.cli.bench;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * The CPU a pipeline run costs and where it went: the one JVM of the embedded stack by thread
 * group, or the standalone stack's processes one by one.
 */
interface PipelineCpu extends AutoCloseable {
  /** CPU time used since the meter started, by everything the pipeline runs on. */
  long usedNanos();

  /** Per group, CPU milliseconds per photo since the start; ends the sampling. */
  Map<String, Double> millisPerPhoto(long photos);

  /** What the groups are, for the heading of the breakdown. */
  String groupedBy();

  /** What the pipeline's CPU figure counts, for the note under the table. */
  String counts();

  default void print(PrintStream out, Map<String, Double> millisPerPhoto) {
    out.println("CPU ms per photo in the pipeline, by " + groupedBy() + ":");
    for (var e : millisPerPhoto.entrySet()) {
      out.printf(Locale.ROOT, "  %8.1f  %s%n", e.getValue(), e.getKey());
    }
  }

  @Override
  void close();
}
