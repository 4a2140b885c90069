package io.imagestore.stack.ceph;

import io.imagestore.objectstore.ObjectStoreSettings;
import io.imagestore.stack.Buckets;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What {@code ceph-stack.sh start} writes to {@code stack.env}: the S3 endpoint, keys, buckets and ceph.conf. */
record CephStackEnv(ObjectStoreSettings objectStore, Buckets buckets, Path cephConf) {

  /** Parses {@code KEY=value} lines; blank lines and {@code #} comments are skipped, single quotes stripped. */
  static CephStackEnv parse(String text) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      int eq = trimmed.indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException("not a KEY=value line in stack.env: " + trimmed);
      }
      String value = trimmed.substring(eq + 1);
      if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
        value = value.substring(1, value.length() - 1);
      }
      values.put(trimmed.substring(0, eq), value);
    }
    ObjectStoreSettings objectStore = new ObjectStoreSettings(
        URI.create(required(values, "IMAGESTORE_S3_ENDPOINT")), values.get("AWS_REGION"),
        required(values, "AWS_ACCESS_KEY_ID"), required(values, "AWS_SECRET_ACCESS_KEY"), true);
    Buckets buckets = new Buckets(required(values, "IMAGESTORE_ORIGINALS_BUCKET"),
        required(values, "IMAGESTORE_RENDITIONS_BUCKET"), required(values, "IMAGESTORE_STATE_BUCKET"));
    return new CephStackEnv(objectStore, buckets, Path.of(required(values, "IMAGESTORE_CEPH_CONF")));
  }

  private static String required(Map<String, String> values, String key) {
    String value = values.get(key);
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("stack.env has no " + key);
    }
    return value;
  }
}
