package io.imagestore.system.audit;

/** Whether an object exists in the store; in the suites a HEAD against the real store. */
@FunctionalInterface
public interface ObjectPresence {
  boolean exists(String bucket, String key);
}
