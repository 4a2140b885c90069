package io.imagestore.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * A file path; a relative one is relative to the configuration file's directory, not to wherever
 * the process happened to be started (a service manager's working directory is rarely the one
 * the operator had in mind).
 */
final class RelativePathDeserializer extends StdScalarDeserializer<Path> {
  private static final long serialVersionUID = 1L;
  static final String BASE_DIRECTORY = "imagestore.config.baseDirectory";

  RelativePathDeserializer() {
    super(Path.class);
  }

  @Override
  public Path deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    String text = p.getValueAsString();
    if (text == null || text.isBlank()) {
      throw new InvalidFormatException(p, "expected a file path, got '" + text + "'", text, Path.class);
    }
    Path path;
    try {
      path = Path.of(text.trim());
    } catch (InvalidPathException e) {
      throw new InvalidFormatException(p, "not a file path: " + e.getReason(), text, Path.class);
    }
    Object base = ctxt.getAttribute(BASE_DIRECTORY);
    return path.isAbsolute() || !(base instanceof Path dir) ? path : dir.resolve(path);
  }
}
