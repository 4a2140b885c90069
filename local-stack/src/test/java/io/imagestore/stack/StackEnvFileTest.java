package io.imagestore.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackEnvFileTest {
  @TempDir Path dir;

  @Test
  void quotesValuesSoTheShellTakesThemLiterally() throws Exception {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("A", "plain");
    env.put("B", "it's $HOME `x` \"q\"");
    Path file = dir.resolve("stack.env");

    StackEnvFile.write(file, env);

    assertThat(Files.readAllLines(file)).contains("A='plain'", "B='it'\\''s $HOME `x` \"q\"'");
  }

  @Test
  void refusesNamesAShellCannotAssign() {
    assertThatThrownBy(() -> StackEnvFile.write(dir.resolve("x.env"), Map.of("not-a-name", "v")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not-a-name");
  }
}
