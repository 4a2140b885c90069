package io.imagestore.bridge.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class UploadNamingTest {
  @Test
  void temporaryNamesMatchGlobsCaseInsensitively() {
    TempNames names = new TempNames(List.of("*.tmp", "*.part", ".in.*", "~*"));
    assertThat(names.isTemporary("x.jpg.tmp")).isTrue();
    assertThat(names.isTemporary("X.JPG.TMP")).isTrue();
    assertThat(names.isTemporary("x.part")).isTrue();
    assertThat(names.isTemporary(".in.x.jpg")).isTrue();
    assertThat(names.isTemporary("~x.jpg")).isTrue();
    assertThat(names.isTemporary("x.jpg")).isFalse();
    assertThat(names.isTemporary("tmp.jpg")).isFalse();
    assertThat(names.isTemporary("x.tmpl")).isFalse();
    assertThat(new TempNames(List.of()).isTemporary("x.tmp")).isFalse();
  }

  @Test
  void contentTypeFromTheExtension() {
    assertThat(ContentTypes.forName("a.JPG")).isEqualTo("image/jpeg");
    assertThat(ContentTypes.forName("a.jpeg")).isEqualTo("image/jpeg");
    assertThat(ContentTypes.forName("a.heic")).isEqualTo("image/heic");
    assertThat(ContentTypes.forName("a.tiff")).isEqualTo("image/tiff");
    assertThat(ContentTypes.forName("README")).isEqualTo(ContentTypes.UNKNOWN);
    assertThat(ContentTypes.forName("a.")).isEqualTo(ContentTypes.UNKNOWN);
    assertThat(ContentTypes.forName("a.xyz")).isEqualTo(ContentTypes.UNKNOWN);
  }

  @Test
  void originalsAreContentAddressedWithFanOut() {
    ObjectKeys keys = new ObjectKeys("originals/", "staging/");
    String sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    assertThat(keys.original(sha)).isEqualTo("originals/9f/" + sha);
    assertThat(keys.staging("camera")).startsWith("staging/camera/").hasSize("staging/camera/".length() + 36);
  }
}
