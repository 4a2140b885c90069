package io.imagestore.job.config;

import static java.util.Objects.requireNonNullElse;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.imagestore.config.ConfigException;
import io.imagestore.objectstore.ObjectStoreSettings;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Everything the job needs, validated once at construction and passed down to the operators
 * (it is {@link Serializable} for that). Bound from the YAML file by {@link JobConfigFile} (see
 * {@link #fromFile}), or made in code with {@link #defaults} and the with-ers:
 *
 * <pre>{@code
 * JobConfig config = JobConfig.defaults("127.0.0.1:9092", store)
 *     .withCheckpointInterval(Duration.ofSeconds(2))
 *     .withParallelism(2);
 * }</pre>
 *
 * Every validation failure is a {@link ConfigException} naming the key as written in the file.
 */
public record JobConfig(
    KafkaSettings kafka,
    ObjectStoreSettings objectStore,
    BucketNames buckets,
    CheckpointSettings checkpoints,
    RestartSettings restart,
    int parallelism,
    Duration dedupTtl,
    ImageLimitSettings limits,
    RetrySettings storageRetries,
    ProfileCatalog profiles,
    ProcessingSettings processing,
    StateSettings state)
    implements Serializable {

  public static final int DEFAULT_PARALLELISM = 2;
  public static final Duration DEFAULT_DEDUP_TTL = Duration.ofDays(30);
  private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
  private static final Pattern TX_PREFIX = Pattern.compile("[a-zA-Z0-9._-]{1,100}");
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  public JobConfig {
    require(kafka, "kafka");
    require(objectStore, "objectStore");
    require(buckets, "buckets");
    require(checkpoints, "checkpoints");
    require(restart, "restart");
    require(dedupTtl, "dedup.ttl");
    require(limits, "limits");
    require(storageRetries, "storage.retries");
    require(profiles, "profiles");
    require(processing, "processing");
    require(state, "state");
    validate(kafka, buckets, checkpoints, restart, parallelism, dedupTtl, limits, storageRetries, profiles);
    validate(processing);
    if (parallelism > state.maxParallelism()) {
      throw new ConfigException("parallelism", parallelism + " is more than state.maxParallelism ("
          + state.maxParallelism() + "): the state has only that many key groups");
    }
    if (!restart.unlimited() && restart.attempts() < processing.maxAttempts()) {
      // Each attempt of a poison file costs a restart: fewer restarts than attempts would stop
      // the job for good before the breaker rejects the file.
      throw new ConfigException("restart.attempts", restart.attempts() + " restarts cannot reach processing.maxAttempts ("
          + processing.maxAttempts() + "): allow at least that many, or 0 for no limit");
    }
  }

  /**
   * The job's YAML file, section by section ({@code docs/flink-job.md}); a section or key left out
   * takes its default. {@code objectStore} feeds three parts (the connection, the buckets, the
   * originals prefix), {@code dedup} and {@code storage} wrap one value each: those sections have
   * the small records below; every other section binds to its settings record directly.
   */
  @JsonCreator
  static JobConfig fromFile(@JsonProperty("kafka") KafkaSettings kafka,
      @JsonProperty("objectStore") ObjectStoreSection objectStore,
      @JsonProperty("checkpoints") CheckpointSettings checkpoints,
      @JsonProperty("restart") RestartSettings restart,
      @JsonProperty("parallelism") Integer parallelism,
      @JsonProperty("dedup") DedupSection dedup,
      @JsonProperty("limits") ImageLimitSettings limits,
      @JsonProperty("storage") StorageSection storage,
      @JsonProperty("profiles") Map<String, ProfileSettings> profiles,
      @JsonProperty("routes") List<ProfileRoute> routes,
      @JsonProperty("processing") ProcessingSettings processing,
      @JsonProperty("state") StateSettings state) {
    if (kafka == null) {
      throw new ConfigException("kafka.bootstrap", "is required");
    }
    if (objectStore == null) {
      throw new ConfigException("objectStore.endpoint", "is required");
    }
    BucketNames buckets = requireNonNullElse(objectStore.buckets(), BucketNames.defaults());
    CheckpointSettings inStateBucket = CheckpointSettings.inBucket(buckets.state());
    CheckpointSettings cp = requireNonNullElse(checkpoints, inStateBucket);
    cp = cp.withDirectories(requireNonNullElse(cp.directory(), inStateBucket.directory()),
        requireNonNullElse(cp.savepointDirectory(), inStateBucket.savepointDirectory()));
    Map<String, ProfileSettings> named = new LinkedHashMap<>();
    if (profiles != null) {
      profiles.forEach((name, profile) -> named.put(name, requireNonNullElse(profile, ProfileSettings.defaults())));
    }
    named.putIfAbsent(ProfileCatalog.DEFAULT_PROFILE, ProfileSettings.defaults());
    Duration ttl = dedup == null ? null : dedup.ttl();
    RetrySettings retries = storage == null ? null : storage.retries();
    return new JobConfig(kafka, objectStore.connection(), buckets, cp, requireNonNullElse(restart, RestartSettings.defaults()),
        requireNonNullElse(parallelism, DEFAULT_PARALLELISM), requireNonNullElse(ttl, DEFAULT_DEDUP_TTL),
        requireNonNullElse(limits, ImageLimitSettings.defaults()), requireNonNullElse(retries, RetrySettings.defaults()),
        new ProfileCatalog(named, requireNonNullElse(routes, List.of())),
        requireNonNullElse(processing, ProcessingSettings.defaults()).withOriginalsPrefix(
            requireNonNullElse(objectStore.originalsPrefix(), ProcessingSettings.DEFAULT_ORIGINALS_PREFIX)),
        requireNonNullElse(state, StateSettings.defaults()));
  }

  /** The file's {@code objectStore} section: where the store is, its buckets, the originals' prefix. */
  record ObjectStoreSection(String endpoint, String region, String accessKey, String secretKey, Boolean pathStyle,
      BucketNames buckets, String originalsPrefix) {
    ObjectStoreSettings connection() {
      for (Map.Entry<String, String> required : Map.of("objectStore.endpoint", String.valueOf(endpoint),
          "objectStore.accessKey", String.valueOf(accessKey), "objectStore.secretKey", String.valueOf(secretKey)).entrySet()) {
        if (required.getValue().equals("null") || required.getValue().isBlank()) {
          throw new ConfigException(required.getKey(), "is required");
        }
      }
      try {
        return new ObjectStoreSettings(URI.create(endpoint), requireNonNullElse(region, ObjectStoreSettings.DEFAULT_REGION),
            accessKey, secretKey, requireNonNullElse(pathStyle, true));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("objectStore.endpoint", e.getMessage());
      }
    }
  }

  /** The file's {@code dedup} section. */
  record DedupSection(Duration ttl) {}

  /** The file's {@code storage} section. */
  record StorageSection(RetrySettings retries) {}

  /** Defaults for everything but where Kafka and the object store are. */
  public static JobConfig defaults(String kafkaBootstrap, ObjectStoreSettings objectStore) {
    BucketNames buckets = BucketNames.defaults();
    return new JobConfig(KafkaSettings.defaults(kafkaBootstrap), objectStore, buckets,
        CheckpointSettings.inBucket(buckets.state()), RestartSettings.defaults(), DEFAULT_PARALLELISM,
        DEFAULT_DEDUP_TTL, ImageLimitSettings.defaults(), RetrySettings.defaults(), ProfileCatalog.defaults(),
        ProcessingSettings.defaults(), StateSettings.defaults());
  }

  public JobConfig withKafka(KafkaSettings value) {
    return new JobConfig(value, objectStore, buckets, checkpoints, restart, parallelism, dedupTtl, limits, storageRetries, profiles, processing, state);
  }

  public JobConfig withObjectStore(ObjectStoreSettings value) {
    return new JobConfig(kafka, value, buckets, checkpoints, restart, parallelism, dedupTtl, limits, storageRetries, profiles, processing, state);
  }

  /** New buckets; checkpoints and savepoints move to the new state bucket. */
  public JobConfig withBuckets(BucketNames value) {
    CheckpointSettings moved = CheckpointSettings.inBucket(value.state())
        .withInterval(checkpoints.interval());
    return new JobConfig(kafka, objectStore, value, moved, restart, parallelism, dedupTtl, limits, storageRetries, profiles, processing, state);
  }

  public JobConfig withCheckpoints(CheckpointSettings value) {
    return new JobConfig(kafka, objectStore, buckets, value, restart, parallelism, dedupTtl, limits, storageRetries, profiles, processing, state);
  }

  public JobConfig withCheckpointInterval(Duration value) {
    return withCheckpoints(checkpoints.withInterval(value));
  }

  public JobConfig withRestart(RestartSettings value) {
    return new JobConfig(kafka, objectStore, buckets, checkpoints, value, parallelism, dedupTtl, limits, storageRetries, profiles, processing, state);
  }

  public JobConfig withParallelism(int value) {
    return new JobConfig(kafka, objectStore, buckets, checkpoints, restart, value, dedupTtl, limits, storageRetries, profiles, processing, state);
  }

  public JobConfig withDedupTtl(Duration value) {
    return new JobConfig(kafka, objectStore, buckets, checkpoints, restart, parallelism, value, limits, storageRetries, profiles, processing, state);
  }

  public JobConfig withLimits(ImageLimitSettings value) {
    return new JobConfig(kafka, objectStore, buckets, checkpoints, restart, parallelism, dedupTtl, value, storageRetries, profiles, processing, state);
  }

  public JobConfig withStorageRetries(RetrySettings value) {
    return new JobConfig(kafka, objectStore, buckets, checkpoints, restart, parallelism, dedupTtl, limits, value, profiles, processing, state);
  }

  public JobConfig withProfiles(ProfileCatalog value) {
    return new JobConfig(kafka, objectStore, buckets, checkpoints, restart, parallelism, dedupTtl, limits, storageRetries, value, processing, state);
  }

  public JobConfig withState(StateSettings value) {
    return new JobConfig(kafka, objectStore, buckets, checkpoints, restart, parallelism, dedupTtl, limits, storageRetries, profiles, processing, value);
  }

  public JobConfig withProcessing(ProcessingSettings value) {
    return new JobConfig(kafka, objectStore, buckets, checkpoints, restart, parallelism, dedupTtl, limits, storageRetries, profiles, value, state);
  }

  private static void validate(ProcessingSettings processing) {
    String prefix = processing.originalsPrefix();
    if (prefix == null || !prefix.matches("([A-Za-z0-9._-]+/)+")) {
      throw new ConfigException("objectStore.originalsPrefix",
          "must be one or more path segments each ending in '/', e.g. originals/, got '" + prefix + "'");
    }
    if (processing.maxAttempts() < 1) {
      throw new ConfigException("processing.maxAttempts", "must be at least 1, got " + processing.maxAttempts());
    }
  }

  private static void validate(KafkaSettings kafka, BucketNames buckets, CheckpointSettings checkpoints,
      RestartSettings restart, int parallelism, Duration dedupTtl, ImageLimitSettings limits,
      RetrySettings retries, ProfileCatalog profiles) {
    text(kafka.bootstrap(), "kafka.bootstrap");
    matches(kafka.uploadsTopic(), TOPIC, "kafka.topics.uploads");
    matches(kafka.metadataTopic(), TOPIC, "kafka.topics.metadata");
    matches(kafka.rejectsTopic(), TOPIC, "kafka.topics.rejects");
    if (kafka.metadataTopic().equals(kafka.rejectsTopic())) {
      throw new ConfigException("kafka.topics.rejects", "must differ from kafka.topics.metadata");
    }
    text(kafka.consumerGroup(), "kafka.consumerGroup");
    matches(kafka.transactionalIdPrefix(), TX_PREFIX, "kafka.transactionalIdPrefix");
    positive(kafka.transactionTimeout(), "kafka.transactionTimeout");
    if (kafka.transactionNaming() == null) {
      throw new ConfigException("kafka.transactionNaming", "is required");
    }
    matches(buckets.originals(), BUCKET, "objectStore.buckets.originals");
    matches(buckets.renditions(), BUCKET, "objectStore.buckets.renditions");
    matches(buckets.state(), BUCKET, "objectStore.buckets.state");
    positive(checkpoints.interval(), "checkpoints.interval");
    positive(checkpoints.timeout(), "checkpoints.timeout");
    uri(checkpoints.directory(), "checkpoints.directory");
    uri(checkpoints.savepointDirectory(), "checkpoints.savepointDirectory");
    if (parallelism < 1 || parallelism > 1024) {
      throw new ConfigException("parallelism", "must be between 1 and 1024, got " + parallelism);
    }
    positive(dedupTtl, "dedup.ttl");
    if (limits.maxPixels() < 1) {
      throw new ConfigException("limits.maxPixels", "must be positive, got " + limits.maxPixels());
    }
    if (limits.maxBytes() < 1) {
      throw new ConfigException("limits.maxBytes", "must be positive, got " + limits.maxBytes());
    }
    if (limits.maxDecodeBytes() < 1) {
      throw new ConfigException("limits.maxDecodeBytes", "must be positive, got " + limits.maxDecodeBytes());
    }
    if (retries.attempts() < 1) {
      throw new ConfigException("storage.retries.attempts", "must be at least 1, got " + retries.attempts());
    }
    positive(retries.initialBackoff(), "storage.retries.initialBackoff");
    positive(retries.maxBackoff(), "storage.retries.maxBackoff");
    if (retries.maxBackoff().compareTo(retries.initialBackoff()) < 0) {
      throw new ConfigException("storage.retries.maxBackoff", "must be at least storage.retries.initialBackoff");
    }
    positive(retries.attemptTimeout(), "storage.retries.attemptTimeout");
    positive(retries.callTimeout(), "storage.retries.callTimeout");
    if (retries.callTimeout().compareTo(retries.attemptTimeout()) < 0) {
      throw new ConfigException("storage.retries.callTimeout", "must be at least storage.retries.attemptTimeout");
    }
    profiles.profiles().forEach((name, profile) -> validateProfile("profiles." + name, profile));
  }

  private static void validateProfile(String key, ProfileSettings profile) {
    CropSettings crop = profile.crop();
    switch (crop.mode()) {
      case RECTANGLE -> {
        if (crop.x() < 0 || crop.y() < 0 || crop.width() < 1 || crop.height() < 1) {
          throw new ConfigException(key + ".crop.rectangle", "needs x, y >= 0 and width, height >= 1");
        }
      }
      case ASPECT -> {
        if (crop.aspectWidth() < 1 || crop.aspectHeight() < 1) {
          throw new ConfigException(key + ".crop.aspect", "needs a ratio of two positive integers, e.g. 4:5");
        }
      }
      case NONE -> { }
    }
    if (profile.renditions().isEmpty()) {
      throw new ConfigException(key + ".renditions", "at least one rendition is required");
    }
    java.util.Set<String> names = new java.util.HashSet<>();
    for (int i = 0; i < profile.renditions().size(); i++) {
      RenditionSettings r = profile.renditions().get(i);
      String rk = key + ".renditions[" + i + "]";
      if (r.name() == null || !r.name().matches("[a-z0-9][a-z0-9_-]{0,63}")) {
        throw new ConfigException(rk + ".name", "must be lower-case letters, digits, '-' or '_', got '" + r.name() + "'");
      }
      if (!names.add(r.name())) {
        throw new ConfigException(rk + ".name", "duplicate rendition name '" + r.name() + "'");
      }
      if (r.kind() == RenditionSettings.Kind.LONG_EDGE && (r.longEdge() < 1 || r.longEdge() > 16384)) {
        throw new ConfigException(rk + ".longEdge", "must be between 1 and 16384, got " + r.longEdge());
      }
      if (r.kind() == RenditionSettings.Kind.BOX
          && (r.width() < 1 || r.height() < 1 || r.width() > 16384 || r.height() > 16384)) {
        throw new ConfigException(rk + ".box", "width and height must be between 1 and 16384");
      }
      if (r.quality() < 1 || r.quality() > 100) {
        throw new ConfigException(rk + ".quality", "must be between 1 and 100, got " + r.quality());
      }
    }
  }

  private static void require(Object value, String key) {
    if (value == null) {
      throw new ConfigException(key, "is required");
    }
  }

  private static void text(String value, String key) {
    if (value == null || value.isBlank()) {
      throw new ConfigException(key, "is required");
    }
  }

  private static void matches(String value, Pattern pattern, String key) {
    text(value, key);
    if (!pattern.matcher(value).matches()) {
      throw new ConfigException(key, "invalid value '" + value + "' (expected " + pattern.pattern() + ")");
    }
  }

  private static void positive(Duration value, String key) {
    if (value == null || value.isZero() || value.isNegative()) {
      throw new ConfigException(key, "must be a positive duration, got " + value);
    }
  }

  private static void uri(String value, String key) {
    text(value, key);
    if (!value.matches("[a-z][a-z0-9+.-]*://.+")) {
      throw new ConfigException(key, "must be a URI with a scheme, e.g. s3p://flink-state/checkpoints, got '" + value + "'");
    }
  }
}
