package io.imagestore.bridge.health;

/** One dependency's state: null when healthy, else what is wrong, in a short line. */
@FunctionalInterface
public interface HealthCheck {
  String problem();
}
