package io.imagestore.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes {@code stack.env}: {@code KEY='value'} lines a shell can source. Scripts wait for this
 * file to appear, so it is written last and atomically: when it exists, everything is up.
 */
public final class StackEnvFile {
  private static final Pattern NAME = Pattern.compile("[A-Z_][A-Z0-9_]*");

  private StackEnvFile() {}

  public static void write(Path file, Map<String, String> env) throws IOException {
    StringBuilder text = new StringBuilder("# imagestore stack endpoints: source this file (set -a; . stack.env)\n");
    for (var e : env.entrySet()) {
      if (!NAME.matcher(e.getKey()).matches()) {
        throw new IllegalArgumentException("not a shell variable name: " + e.getKey());
      }
      text.append(e.getKey()).append('=').append(quote(e.getValue())).append('\n');
    }
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Single quotes keep every character literal; an embedded quote becomes '\''. */
  static String quote(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }
}
