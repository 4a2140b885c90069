package io.imagestore.bridge.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsers for the value forms the configuration file accepts; messages say what was expected. */
public final class ConfigValues {
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KIB|MIB|GIB|KB|MB|GB)?");
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(MS|S|M|H|D)?");

  private ConfigValues() {}

  public static int integer(String v) {
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected a whole number, got '" + v + "'");
    }
  }

  public static boolean bool(String v) {
    return switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw new IllegalArgumentException("expected true or false, got '" + v + "'");
    };
  }

  /** {@code 1048576}, {@code 8MiB}, {@code 1GiB}, {@code 500KB} (KB/MB/GB are powers of 1000). */
  public static long bytes(String v) {
    Matcher m = SIZE.matcher(v.trim().toUpperCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("expected a size such as 1048576, 8MiB or 1GiB, got '" + v + "'");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "B" : m.group(2);
    long factor = switch (unit) {
      case "KIB" -> 1L << 10;
      case "MIB" -> 1L << 20;
      case "GIB" -> 1L << 30;
      case "KB" -> 1_000L;
      case "MB" -> 1_000_000L;
      case "GB" -> 1_000_000_000L;
      default -> 1L;
    };
    return Math.multiplyExact(n, factor);
  }

  /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 1d}, a bare number of seconds, or ISO-8601. */
  public static Duration duration(String v) {
    String t = v.trim().toUpperCase(Locale.ROOT);
    if (t.startsWith("P")) {
      return Duration.parse(t);
    }
    Matcher m = DURATION.matcher(t);
    if (!m.matches()) {
      throw new IllegalArgumentException("expected a duration such as 500ms, 30s, 5m or 1h, got '" + v + "'");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "S" : m.group(2);
    return switch (unit) {
      case "MS" -> Duration.ofMillis(n);
      case "M" -> Duration.ofMinutes(n);
      case "H" -> Duration.ofHours(n);
      case "D" -> Duration.ofDays(n);
      default -> Duration.ofSeconds(n);
    };
  }

  /** A YAML list (flattened to commas) or a comma-separated environment value. */
  public static List<String> list(String v) {
    if (v.isBlank()) {
      return List.of();
    }
    return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
