package io.imagestore.bridge.upload;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Temporary upload names ({@code *.tmp}, {@code *.part}, …): many cameras and clients upload under
 * such a name and rename when done. Such an upload is stored but published only by the rename.
 * Globs ({@code *}, {@code ?}) match the file name, case-insensitively.
 */
public final class TempNames {
  private final List<Pattern> patterns;

  public TempNames(List<String> globs) {
    this.patterns = globs.stream().map(TempNames::toRegex).toList();
  }

  public boolean isTemporary(String fileName) {
    String name = fileName.toLowerCase(Locale.ROOT);
    return patterns.stream().anyMatch(p -> p.matcher(name).matches());
  }

  private static Pattern toRegex(String glob) {
    StringBuilder re = new StringBuilder();
    for (char c : glob.toLowerCase(Locale.ROOT).toCharArray()) {
      switch (c) {
        case '*' -> re.append(".*");
        case '?' -> re.append('.');
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }
}
