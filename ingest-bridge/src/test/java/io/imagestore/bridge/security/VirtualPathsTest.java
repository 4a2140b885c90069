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
  void namesAreLimitedInUtf8BytesAndRefusedAsNotAllowed() throws RejectedPathException {
    assertThat(VirtualPaths.resolve("/", "a".repeat(200))).hasSize(201);
    assertThat(VirtualPaths.resolve("/", "é".repeat(100))).hasSize(101);
    assertThatThrownBy(() -> VirtualPaths.resolve("/", "a".repeat(201)))
        .isInstanceOf(VirtualPaths.NameNotAllowedException.class);
    assertThatThrownBy(() -> VirtualPaths.resolve("/", "é".repeat(101)))
        .isInstanceOf(VirtualPaths.NameNotAllowedException.class);
    assertThatThrownBy(() -> VirtualPaths.resolve("/", "x/" + "写".repeat(67) + "/y.jpg"))
        .isInstanceOf(VirtualPaths.NameNotAllowedException.class);
    // Leaving the root is not a name problem: 550, not 553.
    assertThatThrownBy(() -> VirtualPaths.resolve("/", "../x.jpg"))
        .isNotInstanceOf(VirtualPaths.NameNotAllowedException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"photo\u202Egpj.exe", "a\u202Ab.jpg", "a\u2066b.jpg", "a\u200Fb.jpg", "a\u061Cb.jpg",
      "line\u2028break.jpg", "para\u2029.jpg", "\uFEFFbom.jpg", "zero\u200Bwidth.jpg", "\u00A0", "\u00A0\u00A0\u00A0",
      "\u3000", "\u2007\u202F", " x.jpg", "\u00A0x.jpg", "x.jpg\u00A0", "dir /x.jpg", " dir/x.jpg"})
  void refusesSpoofingInvisibleAndSpaceOnlyNamesAsNotAllowed(String bad) {
    assertThatThrownBy(() -> VirtualPaths.resolve("/", bad)).isInstanceOf(VirtualPaths.NameNotAllowedException.class);
  }

  @Test
  void keepsNamesWithInnerSpacesAndEmojiSequences() throws RejectedPathException {
    assertThat(VirtualPaths.resolve("/", "my photo 1.jpg")).isEqualTo("/my photo 1.jpg");
    assertThat(VirtualPaths.resolve("/", "caf\u00e9\u00A0noir.jpg")).isEqualTo("/caf\u00e9\u00A0noir.jpg");
    // The zero-width joiner holds emoji sequences together: not a spoofing character.
    assertThat(VirtualPaths.resolve("/", "\uD83D\uDC69\u200D\uD83D\uDCBB.jpg")).endsWith(".jpg");
  }

  @Test
  void nameAndParent() {
    assertThat(VirtualPaths.parent("/a/b.jpg")).isEqualTo("/a");
    assertThat(VirtualPaths.parent("/b.jpg")).isEqualTo("/");
    assertThat(VirtualPaths.name("/a/b.jpg")).isEqualTo("b.jpg");
    assertThat(VirtualPaths.name("/")).isEqualTo("/");
  }
}
