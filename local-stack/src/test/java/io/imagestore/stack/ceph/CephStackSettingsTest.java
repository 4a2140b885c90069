package io.imagestore.stack.ceph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CephStackSettingsTest {

  @TempDir Path root;

  @Test
  void findsTheScriptInTheProjectRootAboveAModule() throws Exception {
    Path script = Files.createDirectories(root.resolve("scripts/ceph")).resolve("ceph-stack.sh");
    Files.writeString(script, "#!/bin/sh\n");
    Path module = Files.createDirectories(root.resolve("flink-job/target"));

    assertThat(CephStackSettings.locateScript(module)).isEqualTo(script);
    assertThat(CephStackSettings.locateScript(root)).isEqualTo(script);
  }

  @Test
  void saysHowToPointAtTheScriptWhenThereIsNone() {
    // The file-system root: temporary directories lie inside the project, below the real script.
    assertThatThrownBy(() -> CephStackSettings.locateScript(root.getRoot()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining(CephStackSettings.SCRIPT_PROPERTY);
  }

  @Test
  void forTestsFindsThisProjectsScript() {
    CephStackSettings settings = CephStackSettings.forTests();

    assertThat(settings.script()).endsWith(Path.of("scripts", "ceph", "ceph-stack.sh")).isRegularFile();
    assertThat(settings.rgwPort()).isZero();
  }

  @Test
  void rejectsImpossibleValues() {
    Path any = Path.of("x");
    assertThatThrownBy(() -> new CephStackSettings(any, any, 70000, Duration.ofSeconds(5)))
        .hasMessageContaining("port");
    assertThatThrownBy(() -> new CephStackSettings(any, any, 0, Duration.ofMillis(10)))
        .hasMessageContaining("timeout");
  }
}
