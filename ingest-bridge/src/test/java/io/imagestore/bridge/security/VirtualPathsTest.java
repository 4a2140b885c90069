package io.imagestore.bridge.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagestore.bridge.security.VirtualPaths.RejectedPathException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VirtualPathsTest {
  @Test
  void resolvesAgainstTheWorkingDirectory() throws RejectedPathException {
    assertThat(VirtualPaths.resolve("/", "x.jpg")).isEqualTo("/x.jpg");
    assertThat(VirtualPaths.resolve("/a/b", "x.jpg")).isEqualTo("/a/b/x.jpg");
    assertThat(VirtualPaths.resolve("/a/b", "../c/./x.jpg")).isEqualTo("/a/c/x.jpg");
    assertThat(VirtualPaths.resolve("/a/b", "/d//x.jpg")).isEqualTo("/d/x.jpg");
    assertThat(VirtualPaths.resolve("/a", "..")).isEqualTo("/");
    assertThat(VirtualPaths.resolve("/a", "")).isEqualTo("/a");
    assertThat(VirtualPaths.resolve("/", "Ünïcödé 写真.jpg")).isEqualTo("/Ünïcödé 写真.jpg");
  }

  @ParameterizedTest
  @ValueSource(strings = {"..", "../x", "/../x", "a/../../x", "..\\x", "C:/x", "c:x", "a\u0000b", "a\nb", "a\rb",
      "a\u001bb", "a\u007fb", "a\u0085b", "x.jpg ", "x.", "   "})
  void refusesEscapesAndHostileNames(String bad) {
    assertThatThrownBy(() -> VirtualPaths.resolve("/", bad)).isInstanceOf(RejectedPathException.class);
  }

  @Test
  void nameAndParent() {
    assertThat(VirtualPaths.parent("/a/b.jpg")).isEqualTo("/a");
    assertThat(VirtualPaths.parent("/b.jpg")).isEqualTo("/");
    assertThat(VirtualPaths.name("/a/b.jpg")).isEqualTo("b.jpg");
    assertThat(VirtualPaths.name("/")).isEqualTo("/");
  }
}
