package io.imagestore.config;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one deployable's YAML file into its configuration record with Jackson's YAML binding.
 *
 * <p>What the file says is applied in this order: the file, then overrides (environment variables
 * named after the keys, or {@code key=value} from a command line), then {@code ${NAME}}
 * references to environment variables in string values; then the tree is bound to the model,
 * whose constructors validate. Strict where a lenient reader would hide a mistake: an unknown key
 * (a typo) or a key given twice is an error, a float is not an integer, a duration needs its unit.
 * Every error is a {@link ConfigException} naming the key; none quotes a line of the file, which
 * may hold a secret.
 */
public final class ConfigReader<T> {
  private static final YAMLMapper MAPPER = newMapper();
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  private final Class<T> model;
  private final Map<String, JsonNode> overrides = new LinkedHashMap<>();
  private Map<String, String> references;

  private ConfigReader(Class<T> model) {
    this.model = model;
  }

  public static <T> ConfigReader<T> of(Class<T> model) {
    return new ConfigReader<>(model);
  }

  /** The keys the model binds, for environment names and documentation checks. */
  public static ConfigKeys keys(Class<?> model) {
    return ConfigKeys.of(MAPPER, model);
  }

  /**
   * Every key of the model may be overridden by the environment variable named after it, e.g.
   * {@code IMAGESTORE_FTP_LIMITS_MAX_FILE_SIZE} for {@code limits.maxFileSize}; a list takes a
   * comma-separated value.
   */
  public ConfigReader<T> environmentOverrides(String prefix, Map<String, String> environment) {
    keys(model).types().forEach((key, type) -> {
      String value = environment.get(ConfigKeys.environmentName(prefix, key));
      if (value != null) {
        overrides.put(key, type.isCollectionLikeType() ? commaList(value) : TextNode.valueOf(value));
      }
    });
    return this;
  }

  /** {@code key.path=value}; the value is read as YAML, so {@code [a, b]} is a list. */
  public ConfigReader<T> override(String assignment) {
    int eq = assignment.indexOf('=');
    if (eq <= 0) {
      throw new ConfigException(assignment, "an override must look like key.path=value");
    }
    String key = assignment.substring(0, eq).trim();
    String text = assignment.substring(eq + 1);
    JsonNode value;
    try {
      value = text.isBlank() ? TextNode.valueOf(text) : MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ConfigException(key, "the override's value is not valid YAML" + lineOf(e));
    }
    overrides.put(key, value == null || value.isMissingNode() ? TextNode.valueOf(text) : value);
    return this;
  }

  /** String values may name environment variables as {@code ${NAME}}, so secrets need not sit in the file. */
  public ConfigReader<T> environmentReferences(Map<String, String> environment) {
    this.references = environment;
    return this;
  }

  /** Reads {@code file}; relative paths in it resolve against its directory. */
  public T read(Path file) {
    String yaml;
    try {
      yaml = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read configuration " + file, e);
    }
    Path absolute = file.toAbsolutePath();
    return read(yaml, absolute.toString(), absolute.getParent());
  }

  /**
   * Reads {@code yaml}; {@code source} names it in syntax errors, relative paths resolve against
   * {@code baseDirectory} (null: the working directory).
   */
  public T read(String yaml, String source, Path baseDirectory) {
    ObjectNode tree = parse(yaml, source);
    overrides.forEach((key, value) -> put(tree, key, value));
    if (references != null) {
      substitute(tree, "");
    }
    try {
      return MAPPER.readerFor(model)
          .withAttribute(RelativePathDeserializer.BASE_DIRECTORY, baseDirectory)
          .readValue(tree);
    } catch (IOException e) {
      throw translate(e);
    }
  }

  private static ObjectNode parse(String yaml, String source) {
    JsonNode root;
    try {
      root = yaml.isBlank() ? null : MAPPER.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new ConfigException(source, syntaxProblem(e) + lineOf(e));
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return JsonNodeFactory.instance.objectNode();
    }
    if (!(root instanceof ObjectNode object)) {
      throw new ConfigException(source, "the top level must be a mapping of keys to values");
    }
    return object;
  }

  /**
   * SnakeYAML's own message quotes the offending line, which may be a secret's: only the problem
   * and the position are kept, and no cause (a stack trace would print it).
   */
  private static String syntaxProblem(JsonProcessingException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked) {
        return "not valid YAML: " + marked.getProblem()
            + (marked.getContext() == null ? "" : " (" + marked.getContext() + ")");
      }
    }
    String message = e.getOriginalMessage();
    Matcher duplicate = Pattern.compile("Duplicate field '(.*)'").matcher(message == null ? "" : message);
    if (duplicate.find()) {
      return "key '" + duplicate.group(1) + "' given twice: whichever was meant, the other would be ignored";
    }
    return "not valid YAML (" + e.getClass().getSimpleName() + ")";
  }

  private static String lineOf(JsonProcessingException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked && marked.getProblemMark() != null) {
        return " at line " + (marked.getProblemMark().getLine() + 1) + ", column " + (marked.getProblemMark().getColumn() + 1);
      }
    }
    return e.getLocation() == null || e.getLocation().getLineNr() < 1 ? "" : " at line " + e.getLocation().getLineNr();
  }

  private static void put(ObjectNode tree, String key, JsonNode value) {
    String[] parts = key.split("\\.");
    ObjectNode node = tree;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode next = node.get(parts[i]);
      node = next instanceof ObjectNode object ? object : node.putObject(parts[i]);
    }
    node.set(parts[parts.length - 1], value);
  }

  private static ArrayNode commaList(String value) {
    ArrayNode list = JsonNodeFactory.instance.arrayNode();
    Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(list::add);
    return list;
  }

  private void substitute(JsonNode node, String path) {
    if (node instanceof ObjectNode object) {
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String key = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        if (field.getValue().isTextual()) {
          field.setValue(TextNode.valueOf(resolve(key, field.getValue().textValue())));
        } else {
          substitute(field.getValue(), key);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        if (array.get(i).isTextual()) {
          array.set(i, TextNode.valueOf(resolve(path + "[" + i + "]", array.get(i).textValue())));
        } else {
          substitute(array.get(i), path + "[" + i + "]");
        }
      }
    }
  }

  private String resolve(String key, String text) {
    if (!text.contains("${")) {
      return text;
    }
    Matcher m = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = references.get(m.group(1));
      if (value == null) {
        throw new ConfigException(key, "environment variable " + m.group(1) + " is not set");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static ConfigException translate(IOException e) {
    if (!(e instanceof JsonMappingException mapping)) {
      return new ConfigException("(configuration)", e.getMessage(), e);
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConfigException config) {
        return config;
      }
    }
    String key = keyOf(mapping);
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InvalidField field) {
        return new ConfigException(key + "." + field.field(), field.problem());
      }
    }
    if (mapping instanceof UnrecognizedPropertyException unknown) {
      List<String> known = new ArrayList<>();
      unknown.getKnownPropertyIds().forEach(id -> known.add(String.valueOf(id)));
      known.sort(null);
      return new ConfigException(key, "unknown key (known here: " + String.join(", ", known) + ")");
    }
    if (mapping instanceof ValueInstantiationException && e.getCause() instanceof IllegalArgumentException invalid) {
      return new ConfigException(key, invalid.getMessage(), invalid);
    }
    String original = mapping.getOriginalMessage();
    if (original != null && original.startsWith("expected ")) {
      return new ConfigException(key, original);
    }
    if (mapping instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      String expected = describe(MAPPER.constructType(mismatch.getTargetType()));
      if (expected != null) {
        Object value = mapping instanceof InvalidFormatException invalid ? invalid.getValue() : null;
        return new ConfigException(key, "expected " + expected + (value == null ? "" : ", got '" + value + "'"));
      }
    }
    return new ConfigException(key, original);
  }

  private static String keyOf(JsonMappingException e) {
    StringBuilder key = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        key.append(key.length() == 0 ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        key.append('[').append(ref.getIndex()).append(']');
      }
    }
    return key.length() == 0 ? "(top level)" : key.toString();
  }

  private static String describe(JavaType type) {
    Class<?> raw = type.getRawClass();
    if (raw == int.class || raw == long.class || raw == Integer.class || raw == Long.class || raw == short.class) {
      return "a whole number";
    } else if (raw == double.class || raw == float.class || raw == Double.class || raw == Float.class) {
      return "a number";
    } else if (raw == boolean.class || raw == Boolean.class) {
      return "true or false";
    } else if (raw == String.class) {
      return "a single value";
    } else if (raw == Duration.class) {
      return DurationDeserializer.EXPECTED;
    } else if (raw.isEnum()) {
      List<String> names = new ArrayList<>();
      for (Object constant : raw.getEnumConstants()) {
        names.add(((Enum<?>) constant).name().toLowerCase(Locale.ROOT));
      }
      return "one of " + String.join(", ", names);
    } else if (Collection.class.isAssignableFrom(raw) || raw.isArray()) {
      return "a list";
    } else if (Map.class.isAssignableFrom(raw) || raw.isRecord()) {
      return "a mapping of keys to values";
    }
    return null;
  }

  private static YAMLMapper newMapper() {
    YAMLMapper mapper = YAMLMapper.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
        .addModule(new SimpleModule("imagestore-config")
            .addDeserializer(Duration.class, new DurationDeserializer())
            .addDeserializer(Path.class, new RelativePathDeserializer()))
        .build();
    // An empty environment value clears an optional number (e.g. metrics.port); FAIL_ON_NULL_FOR_PRIMITIVES
    // still refuses it where a number is required.
    mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.EmptyString, CoercionAction.AsNull);
    return mapper;
  }
}
