package io.imagestore.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagedProcessesTest {
  @TempDir
  Path dataDir;

  private JavaCommand sleeper() {
    return new JavaCommand(Sleeper.class.getName(), System.getProperty("java.class.path")).jvm("-Xmx32m");
  }

  @Test
  void aStartedProcessIsFoundByNameAndKilledWithSigkill() {
    ManagedProcesses processes = new ManagedProcesses(new StackLayout(dataDir));
    long pid = processes.start("sleeper", sleeper());
    try {
      assertThat(processes.find("sleeper")).map(ProcessHandle::pid).contains(pid);
      assertThat(processes.recorded()).containsExactly("sleeper");
      assertThatThrownBy(() -> processes.start("sleeper", sleeper())).hasMessageContaining("already running");
      assertThat(processes.kill("sleeper")).isEqualTo(pid);
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
      assertThat(processes.isRunning("sleeper")).isFalse();
      assertThat(processes.recorded()).isEmpty();
    } finally {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void stopEndsTheProcessAndForgetsIt() {
    ManagedProcesses processes = new ManagedProcesses(new StackLayout(dataDir));
    long pid = processes.start("sleeper", sleeper());
    try {
      assertThat(processes.stop("sleeper", Duration.ofSeconds(10))).isTrue();
      assertThat(processes.isRunning("sleeper")).isFalse();
      assertThat(processes.stop("sleeper", Duration.ofSeconds(1))).isFalse();
    } finally {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void aPidFileNamingAProcessWithoutTheStacksMarkerIsNeverActedOn() throws Exception {
    StackLayout layout = new StackLayout(dataDir);
    ManagedProcesses processes = new ManagedProcesses(layout);
    Files.createDirectories(layout.pids());
    // A PID reused by the system: here this test's own JVM, which must survive.
    Files.writeString(layout.pids().resolve("kafka-1.pid"), ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8);
    assertThat(processes.find("kafka-1")).isEmpty();
    assertThatThrownBy(() -> processes.kill("kafka-1")).hasMessageContaining("not running");
    assertThat(processes.stop("kafka-1", Duration.ofSeconds(1))).isFalse();
    assertThat(ProcessHandle.current().isAlive()).isTrue();
  }

  @Test
  void aToolThatFailsNamesItsOutput() {
    ManagedProcesses processes = new ManagedProcesses(new StackLayout(dataDir));
    JavaCommand failing = new JavaCommand("no.such.MainClass", System.getProperty("java.class.path"));
    assertThatThrownBy(() -> processes.runToCompletion("tool", failing, Duration.ofSeconds(60)))
        .isInstanceOf(StackException.class)
        .hasMessageContaining("tool failed (exit 1)")
        .hasMessageContaining(dataDir.resolve("logs/tool.out").toString());
  }
}
