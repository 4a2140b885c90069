package io.imagestore.config;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dotted keys a configuration model understands, read from the model itself (its records and
 * their Jackson names), so that environment overrides and documentation checks cannot drift from
 * what the file binds to. Nested records are sections; maps and lists are values.
 */
public final class ConfigKeys {
  private final Map<String, JavaType> types;

  private ConfigKeys(Map<String, JavaType> types) {
    this.types = Collections.unmodifiableMap(types);
  }

  static ConfigKeys of(ObjectMapper mapper, Class<?> model) {
    Map<String, JavaType> out = new LinkedHashMap<>();
    collect(mapper, mapper.constructType(model), "", out);
    return new ConfigKeys(out);
  }

  private static void collect(ObjectMapper mapper, JavaType type, String prefix, Map<String, JavaType> out) {
    BeanDescription description = mapper.getDeserializationConfig().introspect(type);
    for (BeanPropertyDefinition property : description.findProperties()) {
      if (!property.couldDeserialize()) {
        continue;
      }
      String key = prefix + property.getName();
      JavaType propertyType = property.getPrimaryType();
      if (propertyType.getRawClass().isRecord()) {
        collect(mapper, propertyType, key + ".", out);
      } else {
        out.put(key, propertyType);
      }
    }
  }

  /** Every leaf key with its Java type, in declaration order. */
  public Map<String, JavaType> types() {
    return types;
  }

  /** {@code limits.maxFileSize} with prefix {@code IMAGESTORE_FTP_} → {@code IMAGESTORE_FTP_LIMITS_MAX_FILE_SIZE}. */
  public static String environmentName(String prefix, String key) {
    StringBuilder out = new StringBuilder(prefix);
    for (char c : key.toCharArray()) {
      if (c == '.') {
        out.append('_');
      } else if (Character.isUpperCase(c)) {
        out.append('_').append(c);
      } else {
        out.append(Character.toUpperCase(c));
      }
    }
    return out.toString();
  }
}
