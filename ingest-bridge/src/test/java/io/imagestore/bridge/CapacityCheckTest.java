package io.imagestore.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CapacityCheckTest {
  private static final long MIB = 1024 * 1024;

  @Test
  void countsThePortsOfFtpserversPassiveSpecs() {
    assertThat(CapacityCheck.passivePortCount("30000-30009")).isEqualTo(10);
    assertThat(CapacityCheck.passivePortCount("30000-30063")).isEqualTo(64);
    assertThat(CapacityCheck.passivePortCount("30000, 30002,31000-31009")).isEqualTo(12);
    assertThat(CapacityCheck.passivePortCount("65000-")).isEqualTo(536);
    assertThat(CapacityCheck.passivePortCount("0")).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void fewerPassivePortsThanConnectionsIsRefusedNamingBothKeys() {
    // What the compose topology had: 10 ports for 64 connections.
    BridgeConfig config = config("30000-30009", 64, 8 * MIB);
    assertThatThrownBy(() -> CapacityCheck.check(config, 4096 * MIB))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("passive.ports '30000-30009' has 10 ports for limits.maxConnections 64");
    assertThatCode(() -> CapacityCheck.check(config("30000-30063", 64, 8 * MIB), 4096 * MIB)).doesNotThrowAnyException();
  }

  @Test
  void partBuffersOfEveryConnectionMustFitHalfTheHeap() {
    // 64 × 8 MiB = 512 MiB of buffers in a 256 MiB heap: the busiest minute would end in an OOM.
    assertThatThrownBy(() -> CapacityCheck.check(config("0", 64, 8 * MIB), 256 * MIB))
        .hasMessageContaining("limits.maxConnections 64 × uploads.partSize 8 MiB = 512 MiB")
        .hasMessageContaining("256 MiB").hasMessageContaining("at least 1024 MiB (-Xmx)");
    assertThatCode(() -> CapacityCheck.check(config("0", 16, 8 * MIB), 256 * MIB)).doesNotThrowAnyException();
  }

  @Test
  void aBridgeThatDoesNotFitRefusesToStartBeforeItBindsAnything() {
    assertThatThrownBy(() -> IngestBridge.start(config("30000-30001", 64, 8 * MIB)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("passive.ports");
  }

  private static BridgeConfig config(String passive, int connections, long partSize) {
    return BridgeConfig.builder()
        .port(0)
        .usersFile(Path.of("users.txt"))
        .objectStore(new io.imagestore.objectstore.ObjectStoreSettings(java.net.URI.create("http://127.0.0.1:1"),
            "us-east-1", "k", "s", true))
        .bucket("originals")
        .kafkaBootstrap("127.0.0.1:1")
        .uploadsTopic("image-uploads")
        .passivePorts(passive)
        .partSize(partSize)
        .limits(BridgeConfig.Limits.defaults().withConnections(connections, Math.min(8, connections)))
        .build();
  }
}
