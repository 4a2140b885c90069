package io.imagestore.stack.ceph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagestore.stack.Buckets;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CephStackEnvTest {

  private static final String WRITTEN_BY_THE_SCRIPT = """
      IMAGESTORE_S3_ENDPOINT=http://127.0.0.1:7480
      AWS_ACCESS_KEY_ID=0A1B2C3D4E5F60718293
      AWS_SECRET_ACCESS_KEY=00112233445566778899aabbccddeeff00112233
      AWS_REGION=us-east-1
      IMAGESTORE_ORIGINALS_BUCKET=originals
      IMAGESTORE_RENDITIONS_BUCKET=renditions
      IMAGESTORE_STATE_BUCKET=flink-state
      IMAGESTORE_CEPH_CONF=/srv/ceph/cluster/ceph.conf
      CEPH_CONF=/srv/ceph/cluster/ceph.conf
      """;

  @Test
  void parsesWhatTheScriptWrites() {
    CephStackEnv env = CephStackEnv.parse(WRITTEN_BY_THE_SCRIPT);

    assertThat(env.objectStore().endpoint()).isEqualTo(URI.create("http://127.0.0.1:7480"));
    assertThat(env.objectStore().accessKey()).isEqualTo("0A1B2C3D4E5F60718293");
    assertThat(env.objectStore().secretKey()).isEqualTo("00112233445566778899aabbccddeeff00112233");
    assertThat(env.objectStore().region()).isEqualTo("us-east-1");
    assertThat(env.objectStore().pathStyle()).isTrue();
    assertThat(env.buckets()).isEqualTo(new Buckets("originals", "renditions", "flink-state"));
    assertThat(env.cephConf()).isEqualTo(Path.of("/srv/ceph/cluster/ceph.conf"));
  }

  @Test
  void acceptsCommentsAndSingleQuotedValues() {
    CephStackEnv env = CephStackEnv.parse("# header\n\n"
        + WRITTEN_BY_THE_SCRIPT.replace("AWS_ACCESS_KEY_ID=0A1B2C3D4E5F60718293", "AWS_ACCESS_KEY_ID='KEY WITH SPACE'"));

    assertThat(env.objectStore().accessKey()).isEqualTo("KEY WITH SPACE");
  }

  @Test
  void namesTheMissingKey() {
    String withoutSecret = WRITTEN_BY_THE_SCRIPT.lines()
        .filter(l -> !l.startsWith("AWS_SECRET_ACCESS_KEY")).reduce("", (a, b) -> a + b + "\n");

    assertThatThrownBy(() -> CephStackEnv.parse(withoutSecret))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AWS_SECRET_ACCESS_KEY");
  }
}
