package io.imagestore.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.io.IOException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A size in bytes: {@code 1048576}, {@code 8MiB}, {@code 1GiB}, {@code 500KB}. KiB/MiB/GiB are
 * powers of 1024 and KB/MB/GB powers of 1000, as their names say (Flink's MemorySize reads
 * {@code mb} as MiB, which is why it is not used here). Put it on a {@code long} with
 * {@code @JsonDeserialize(using = ByteSizeDeserializer.class)}.
 */
public final class ByteSizeDeserializer extends StdScalarDeserializer<Long> {
  private static final long serialVersionUID = 1L;
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KIB|MIB|GIB|TIB|KB|MB|GB|TB)?");

  public ByteSizeDeserializer() {
    super(Long.class);
  }

  @Override
  public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
      return p.getLongValue();
    }
    String text = p.getValueAsString();
    Long bytes = text == null ? null : parse(text);
    if (bytes == null) {
      throw new InvalidFormatException(p, "expected a size such as 1048576, 8MiB or 1GiB, got '" + text + "'",
          text, Long.class);
    }
    return bytes;
  }

  /** The number of bytes, or null when {@code text} is not a size. */
  public static Long parse(String text) {
    Matcher m = SIZE.matcher(text.trim().toUpperCase(Locale.ROOT));
    if (!m.matches()) {
      return null;
    }
    long factor = switch (m.group(2) == null ? "B" : m.group(2)) {
      case "KIB" -> 1L << 10;
      case "MIB" -> 1L << 20;
      case "GIB" -> 1L << 30;
      case "TIB" -> 1L << 40;
      case "KB" -> 1_000L;
      case "MB" -> 1_000_000L;
      case "GB" -> 1_000_000_000L;
      case "TB" -> 1_000_000_000_000L;
      default -> 1L;
    };
    try {
      return Math.multiplyExact(Long.parseLong(m.group(1)), factor);
    } catch (ArithmeticException | NumberFormatException e) {
      return null;
    }
  }
}
