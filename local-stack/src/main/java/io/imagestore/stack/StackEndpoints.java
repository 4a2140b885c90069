package io.imagestore.stack;

import io.imagestore.objectstore.ObjectStoreSettings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Where the running stack's servers listen, and how to reach them. */
public record StackEndpoints(
    Path dataDir, String kafkaBootstrap, ObjectStoreSettings objectStore, Topics topics, Buckets buckets) {

  /** The variables every stack writes to {@code stack.env}; components add their own. */
  public Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("IMAGESTORE_KAFKA_BOOTSTRAP", kafkaBootstrap);
    env.put("IMAGESTORE_UPLOADS_TOPIC", topics.uploads());
    env.put("IMAGESTORE_METADATA_TOPIC", topics.metadata());
    env.put("IMAGESTORE_REJECTS_TOPIC", topics.rejects());
    env.put("IMAGESTORE_S3_ENDPOINT", objectStore.endpoint().toString());
    env.put("AWS_ACCESS_KEY_ID", objectStore.accessKey());
    env.put("AWS_SECRET_ACCESS_KEY", objectStore.secretKey());
    env.put("AWS_REGION", objectStore.region());
    env.put("IMAGESTORE_ORIGINALS_BUCKET", buckets.originals());
    env.put("IMAGESTORE_RENDITIONS_BUCKET", buckets.renditions());
    env.put("IMAGESTORE_STATE_BUCKET", buckets.state());
    return env;
  }
}
