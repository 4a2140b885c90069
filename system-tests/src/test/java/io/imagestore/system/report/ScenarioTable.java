package io.imagestore.system.report;

import java.util.ArrayList;
import java.util.List;

/** The suite's report: a fixed-width table of scenarios, then the one-line summary CI greps for. */
public final class ScenarioTable {
  private static final String ROW = "%-26s %9s %6s %7s %6s %7s %7s %10s  %s";

  private ScenarioTable() {}

  public static List<String> lines(List<ScenarioRow> rows) {
    return lines(rows, "time to active+clean");
  }

  /** As {@link #lines(List)}, the last column headed {@code lastColumn} (what the suite measures). */
  public static List<String> lines(List<ScenarioRow> rows, String lastColumn) {
    List<String> lines = new ArrayList<>();
    lines.add(String.format(ROW, "scenario", "attempted", "acked", "retried", "slowed", "records", "missing",
        "duplicates", lastColumn));
    for (ScenarioRow r : rows) {
      lines.add(String.format(ROW, r.scenario(), r.attempted(), r.acknowledged(), r.retried(), r.slowed(),
          r.records(), r.missing(), r.duplicates(), r.toClean()));
    }
    return lines;
  }

  /** {@code ceph-suite: scenarios=<n> acknowledged=<n> lost=<n> duplicates=<n>}. */
  public static String summary(String suite, List<ScenarioRow> rows) {
    return String.format("%s: scenarios=%d acknowledged=%d lost=%d duplicates=%d", suite, rows.size(),
        rows.stream().mapToInt(ScenarioRow::acknowledged).sum(),
        rows.stream().mapToInt(ScenarioRow::missing).sum(),
        rows.stream().mapToInt(ScenarioRow::duplicates).sum());
  }
}
