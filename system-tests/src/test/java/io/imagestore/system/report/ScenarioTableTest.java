package io.imagestore.system.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioTableTest {
  private static final List<ScenarioRow> ROWS = List.of(
      new ScenarioRow("multipart-200MB", 1, 1, 0, 1, 1, 0, 0, "-"),
      new ScenarioRow("osd-loss", 140, 139, 3, 4, 139, 1, 0, "11.2 s"),
      new ScenarioRow("grow+shrink", 300, 300, 0, 2, 301, 0, 1, "add osd.3 20.0 s, remove osd.2 35.5 s"));

  @Test
  void summaryAddsUpAcknowledgedLostAndDuplicatesOverAllScenarios() {
    assertThat(ScenarioTable.summary("ceph-suite", ROWS))
        .isEqualTo("ceph-suite: scenarios=3 acknowledged=440 lost=1 duplicates=1");
  }

  @Test
  void tableHasAHeaderAndOneAlignedLinePerScenario() {
    List<String> lines = ScenarioTable.lines(ROWS);
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).startsWith("scenario").contains("attempted", "acked", "retried", "records", "missing",
        "duplicates", "time to active+clean");
    assertThat(lines.get(2)).startsWith("osd-loss").contains(" 140 ", " 139 ", "11.2 s");
    int column = lines.get(0).indexOf("time to active+clean");
    assertThat(lines.subList(1, 4)).allSatisfy(l -> assertThat(l.charAt(column - 1)).isEqualTo(' '));
    assertThat(lines.get(3).substring(column)).isEqualTo("add osd.3 20.0 s, remove osd.2 35.5 s");
  }
}
