package io.imagestore.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.io.IOException;
import java.time.Duration;
import org.apache.flink.util.TimeUtils;

/**
 * Durations as Flink's own configuration writes them ({@code 500ms}, {@code 30s}, {@code 5min},
 * {@code 2h}, {@code 30d}; ISO-8601 too), parsed by Flink's {@link TimeUtils}. A bare number is
 * refused: Flink reads it as milliseconds, the bridge used to read it as seconds, and a value off
 * by a factor of 1000 must not pass silently.
 */
final class DurationDeserializer extends StdScalarDeserializer<Duration> {
  private static final long serialVersionUID = 1L;
  static final String EXPECTED = "a duration with its unit, such as 500ms, 30s, 5min, 2h or 30d";

  DurationDeserializer() {
    super(Duration.class);
  }

  @Override
  public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    String text = p.getValueAsString();
    if (p.currentToken() != JsonToken.VALUE_STRING || text == null || text.isBlank()
        || text.trim().chars().allMatch(Character::isDigit)) {
      throw invalid(p, text);
    }
    try {
      return TimeUtils.parseDuration(text.trim());
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw invalid(p, text);
    }
  }

  private static InvalidFormatException invalid(JsonParser p, String text) {
    return new InvalidFormatException(p, "expected " + EXPECTED + ", got '" + text + "'", text, Duration.class);
  }
}
