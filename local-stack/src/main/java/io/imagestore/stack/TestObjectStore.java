package io.imagestore.stack;

import java.util.Locale;

/**
 * Which object store {@link LocalStackExtension} gives the tests, chosen with the system property
 * {@value #PROPERTY} (the build's {@code ceph} profile sets it to {@code ceph}).
 */
public enum TestObjectStore {
  /** The embedded S3 server, one per test class (the default). */
  EMBEDDED,
  /** The JVM's shared single-host Ceph cluster's RGW, with buckets of each test class's own. */
  CEPH;

  public static final String PROPERTY = "imagestore.test.objectStore";

  /** From {@value #PROPERTY}: unset, empty or {@code embedded} → EMBEDDED; {@code ceph} → CEPH. */
  public static TestObjectStore fromSystemProperties() {
    return parse(System.getProperty(PROPERTY));
  }

  static TestObjectStore parse(String value) {
    if (value == null || value.isBlank()) {
      return EMBEDDED;
    }
    try {
      return valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(PROPERTY + " must be 'embedded' or 'ceph', got '" + value + "'", e);
    }
  }
}
