package io.imagestore.job.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the duration syntax of the config file: {@code 500ms}, {@code 10s}, {@code 15m}, {@code 2h}, {@code 30d}, or ISO-8601. */
public final class Durations {
  private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|min|h|d)");

  private Durations() {}

  public static Duration parse(String key, String text) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    Matcher m = SIMPLE.matcher(value);
    try {
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m", "min" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        };
      }
      return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
      throw new ConfigException(key, "not a duration: '" + text + "' (use e.g. 500ms, 10s, 15m, 2h, 30d)");
    }
  }

  /** The inverse of {@link #parse} for the largest exact unit, for docs and messages. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 86_400_000 == 0 && ms > 0) {
      return ms / 86_400_000 + "d";
    } else if (ms % 3_600_000 == 0 && ms > 0) {
      return ms / 3_600_000 + "h";
    } else if (ms % 60_000 == 0 && ms > 0) {
      return ms / 60_000 + "m";
    } else if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }
}
