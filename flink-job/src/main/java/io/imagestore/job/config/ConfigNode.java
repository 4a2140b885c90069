package io.imagestore.job.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One mapping of the parsed YAML tree, read with typed getters that name the full key on error.
 * It remembers which keys were read so that {@link #rejectUnknown()} can refuse typos instead of
 * silently ignoring them.
 */
final class ConfigNode {
  private final String path;
  private final Map<String, Object> values;
  private final Set<String> read = new LinkedHashSet<>();
  private final List<ConfigNode> children = new ArrayList<>();

  ConfigNode(String path, Map<String, Object> values) {
    this.path = path;
    this.values = values == null ? Map.of() : values;
  }

  String key(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  boolean has(String name) {
    return values.containsKey(name) && values.get(name) != null;
  }

  Object raw(String name) {
    read.add(name);
    return values.get(name);
  }

  String string(String name, String fallback) {
    Object v = raw(name);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Map || v instanceof List) {
      throw new ConfigException(key(name), "expected a single value");
    }
    String s = String.valueOf(v).trim();
    if (s.isEmpty()) {
      throw new ConfigException(key(name), "must not be empty");
    }
    return s;
  }

  int integer(String name, int fallback) {
    long v = longValue(name, fallback);
    if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
      throw new ConfigException(key(name), "out of range: " + v);
    }
    return (int) v;
  }

  long longValue(String name, long fallback) {
    Object v = raw(name);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Integer || v instanceof Long) {
      return ((Number) v).longValue();
    }
    try {
      return Long.parseLong(String.valueOf(v).trim().replace("_", ""));
    } catch (NumberFormatException e) {
      throw new ConfigException(key(name), "not an integer: '" + v + "'");
    }
  }

  double decimal(String name, double fallback) {
    Object v = raw(name);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    try {
      return Double.parseDouble(String.valueOf(v).trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(key(name), "not a number: '" + v + "'");
    }
  }

  boolean bool(String name, boolean fallback) {
    Object v = raw(name);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    String s = String.valueOf(v).trim();
    if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(s);
    }
    throw new ConfigException(key(name), "expected true or false, got '" + v + "'");
  }

  Duration duration(String name, Duration fallback) {
    Object v = raw(name);
    if (v == null) {
      return fallback;
    }
    return Durations.parse(key(name), String.valueOf(v));
  }

  ConfigNode child(String name) {
    Object v = raw(name);
    if (v != null && !(v instanceof Map)) {
      throw new ConfigException(key(name), "expected a mapping of keys to values");
    }
    ConfigNode node = new ConfigNode(key(name), asMap(v));
    children.add(node);
    return node;
  }

  /** The mapping's entries as child nodes, in file order (for e.g. named profiles). */
  Map<String, ConfigNode> entries() {
    Map<String, ConfigNode> out = new LinkedHashMap<>();
    for (String name : values.keySet()) {
      out.put(name, child(name));
    }
    return out;
  }

  List<Object> list(String name) {
    Object v = raw(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof List<?> l)) {
      throw new ConfigException(key(name), "expected a list");
    }
    return new ArrayList<>(l);
  }

  ConfigNode listItem(String name, int index, Object item) {
    if (!(item instanceof Map)) {
      throw new ConfigException(key(name) + "[" + index + "]", "expected a mapping of keys to values");
    }
    ConfigNode node = new ConfigNode(key(name) + "[" + index + "]", asMap(item));
    children.add(node);
    return node;
  }

  /** Throws for the first key present in the file that no getter asked for. */
  void rejectUnknown() {
    for (String name : values.keySet()) {
      if (!read.contains(name)) {
        throw new ConfigException(key(name), "unknown key (known here: " + read + ")");
      }
    }
    children.forEach(ConfigNode::rejectUnknown);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object v) {
    if (v == null) {
      return Map.of();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    ((Map<Object, Object>) v).forEach((k, val) -> out.put(String.valueOf(k), val));
    return out;
  }
}
