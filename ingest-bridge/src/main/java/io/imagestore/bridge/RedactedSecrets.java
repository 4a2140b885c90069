package io.imagestore.bridge;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Which configuration values are secrets, and their printable form. Kafka's client properties are
 * free-form ({@code sasl.jaas.config} holds a password inside a string, {@code ssl.key.password},
 * {@code sasl.oauthbearer.client.credentials.client.secret}, …), so they are told by name.
 */
final class RedactedSecrets {
  static final String REDACTED = "[redacted]";
  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i).*(password|passwd|secret|jaas|token|credential|api[._-]?key|private[._-]?key).*");

  private RedactedSecrets() {}

  static boolean isSecret(String name) {
    return SECRET_NAME.matcher(name).matches();
  }

  /** The properties sorted by name, secret values replaced. */
  static Map<String, String> redact(Map<String, String> properties) {
    Map<String, String> out = new TreeMap<>();
    properties.forEach((k, v) -> out.put(k, isSecret(k) ? REDACTED : v));
    return out;
  }
}
