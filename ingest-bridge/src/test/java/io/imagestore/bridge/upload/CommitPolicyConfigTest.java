package io.imagestore.bridge.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagestore.bridge.BridgeConfig;
import io.imagestore.bridge.upload.CommitPolicy.ContainerCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code uploads.containerCheck} and {@code uploads.publishOnRenameOnly} as the configuration file and environment give them. */
class CommitPolicyConfigTest {
  @TempDir
  Path dir;

  private Path yaml(String uploads) throws IOException {
    return Files.writeString(dir.resolve("bridge.yaml"), String.join("\n",
        "users: {file: users.txt}",
        "objectStore: {endpoint: 'http://127.0.0.1:9000', accessKey: ak, secretKey: sk}",
        "kafka: {bootstrap: '127.0.0.1:9092'}",
        uploads));
  }

  @Test
  void defaultsWaitAndHoldNoAccountForItsRename() throws IOException {
    CommitPolicy policy = BridgeConfig.load(yaml(""), Map.of()).commitPolicy();
    assertThat(policy.containerCheck()).isEqualTo(ContainerCheck.WAIT);
    assertThat(policy.publishesOnRenameOnly("camera")).isFalse();
  }

  @Test
  void fileAndEnvironmentSetBoth() throws IOException {
    CommitPolicy fromFile = BridgeConfig.load(
        yaml("uploads: {containerCheck: refuse, publishOnRenameOnly: [acme, scanner-2]}"), Map.of()).commitPolicy();
    assertThat(fromFile.containerCheck()).isEqualTo(ContainerCheck.REFUSE);
    assertThat(fromFile.publishOnRenameOnly()).containsExactlyInAnyOrder("acme", "scanner-2");

    CommitPolicy fromEnv = BridgeConfig.load(yaml(""), Map.of("IMAGESTORE_FTP_UPLOADS_CONTAINER_CHECK", "OFF",
        "IMAGESTORE_FTP_UPLOADS_PUBLISH_ON_RENAME_ONLY", "acme, camera")).commitPolicy();
    assertThat(fromEnv.containerCheck()).isEqualTo(ContainerCheck.OFF);
    assertThat(fromEnv.publishesOnRenameOnly("camera")).isTrue();
  }

  @Test
  void anUnknownCheckNamesTheKeyAndTheChoices() throws IOException {
    Path file = yaml("uploads: {containerCheck: strict}");
    assertThatThrownBy(() -> BridgeConfig.load(file, Map.of()))
        .hasMessageContaining("uploads.containerCheck").hasMessageContaining("one of wait, refuse, off");
  }
}
