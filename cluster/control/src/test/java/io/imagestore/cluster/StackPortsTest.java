package io.imagestore.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class StackPortsTest {
  @Test
  void everyPortOfTheStackIsDistinctAndInsideItsSpan() {
    StackPorts ports = new StackPorts(StackPorts.DEFAULT_BASE);
    List<Integer> all = new ArrayList<>(ports.all().values());
    for (int t = 1; t <= StackPorts.TASK_MANAGERS_MAX; t++) {
      all.add(ports.taskManagerRpc(t));
      all.add(ports.taskManagerData(t));
    }
    for (int p = ports.passiveFirst(); p <= ports.passiveLast(); p++) {
      all.add(p);
    }
    assertThat(new HashSet<>(all)).hasSameSizeAs(all);
    assertThat(all).allMatch(p -> p >= ports.base() && p < ports.base() + StackPorts.SPAN);
  }

  @Test
  void aBaseWithoutRoomForTheStackIsRefused() {
    assertThatThrownBy(() -> new StackPorts(65500)).hasMessageContaining("room for");
    assertThatThrownBy(() -> new StackPorts(80)).hasMessageContaining("room for");
  }
}
