package io.imagestore.job.config;

import io.imagestore.objectstore.ObjectStoreSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a {@link JobConfig} from one YAML file plus command-line overrides ({@code --set
 * kafka.bootstrap=host:9092}; the value is parsed as YAML, so lists work too). String values may
 * name environment variables as {@code ${NAME}} — the one place the job reads the environment, so
 * secrets need not sit in the file. Unknown keys are errors: a typo must not silently fall back to
 * a default. See {@code docs/flink-job.md} for every key.
 */
public final class JobConfigFile {
  private static final Pattern ENV_REF = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
  private static final Pattern RATIO = Pattern.compile("(\\d+)\\s*[:/x]\\s*(\\d+)");

  private JobConfigFile() {}

  /**
   * Parses {@code --config FILE} and any number of {@code --set key=value} from a command line.
   */
  public static JobConfig fromArgs(String[] args, Map<String, String> env) {
    Path file = null;
    List<String> overrides = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if ((arg.equals("--config") || arg.equals("--set")) && i + 1 >= args.length) {
        throw new ConfigException(arg, "needs a value");
      }
      switch (arg) {
        case "--config" -> file = Path.of(args[++i]);
        case "--set" -> overrides.add(args[++i]);
        default -> throw new ConfigException(arg, "unknown argument (use --config FILE and --set key=value)");
      }
    }
    if (file == null) {
      return parse("", overrides, env);
    }
    return load(file, overrides, env);
  }

  public static JobConfig load(Path file, List<String> overrides, Map<String, String> env) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), overrides, env);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read job config " + file, e);
    }
  }

  public static JobConfig parse(String yaml, List<String> overrides, Map<String, String> env) {
    Map<String, Object> tree = readTree(yaml);
    for (String override : overrides) {
      applyOverride(tree, override);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> substituted = (Map<String, Object>) substitute(tree, "", env);
    ConfigNode root = new ConfigNode("", substituted);
    JobConfig config = bind(root);
    root.rejectUnknown();
    return config;
  }

  private static Map<String, Object> readTree(String yaml) {
    try {
      Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
      if (doc == null) {
        return new LinkedHashMap<>();
      }
      if (!(doc instanceof Map<?, ?> map)) {
        throw new ConfigException("(file)", "the top level must be a mapping of keys to values");
      }
      return deepCopy(map);
    } catch (YAMLException e) {
      throw new ConfigException("(file)", "not valid YAML: " + e.getMessage(), e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> deepCopy(Map<?, ?> map) {
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(String.valueOf(k), v instanceof Map<?, ?> m ? deepCopy(m) : v));
    return out;
  }

  @SuppressWarnings("unchecked")
  static void applyOverride(Map<String, Object> tree, String override) {
    int eq = override.indexOf('=');
    if (eq <= 0) {
      throw new ConfigException(override, "an override must look like key.path=value");
    }
    String key = override.substring(0, eq).trim();
    String text = override.substring(eq + 1);
    Object value;
    try {
      value = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    } catch (YAMLException e) {
      throw new ConfigException(key, "override value is not valid YAML: " + e.getMessage(), e);
    }
    if (value instanceof Map<?, ?> m) {
      value = deepCopy(m);
    }
    String[] parts = key.split("\\.");
    Map<String, Object> node = tree;
    for (int i = 0; i < parts.length - 1; i++) {
      Object next = node.get(parts[i]);
      if (!(next instanceof Map)) {
        next = new LinkedHashMap<String, Object>();
        node.put(parts[i], next);
      }
      node = (Map<String, Object>) next;
    }
    node.put(parts[parts.length - 1], value);
  }

  private static Object substitute(Object node, String path, Map<String, String> env) {
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), substitute(v, path.isEmpty() ? String.valueOf(k) : path + "." + k, env)));
      return out;
    }
    if (node instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        out.add(substitute(list.get(i), path + "[" + i + "]", env));
      }
      return out;
    }
    if (node instanceof String s && s.contains("${")) {
      Matcher m = ENV_REF.matcher(s);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        String value = env.get(m.group(1));
        if (value == null) {
          throw new ConfigException(path, "environment variable " + m.group(1) + " is not set");
        }
        m.appendReplacement(sb, Matcher.quoteReplacement(value));
      }
      m.appendTail(sb);
      return sb.toString();
    }
    return node;
  }

  private static JobConfig bind(ConfigNode root) {
    ConfigNode kafkaNode = root.child("kafka");
    ConfigNode topics = kafkaNode.child("topics");
    KafkaSettings kafka = new KafkaSettings(
        required(kafkaNode, "bootstrap"),
        topics.string("uploads", KafkaSettings.DEFAULT_UPLOADS),
        topics.string("metadata", KafkaSettings.DEFAULT_METADATA),
        topics.string("rejects", KafkaSettings.DEFAULT_REJECTS),
        kafkaNode.string("consumerGroup", KafkaSettings.DEFAULT_GROUP),
        transactionalIdPrefix(kafkaNode),
        kafkaNode.duration("transactionTimeout", KafkaSettings.DEFAULT_TX_TIMEOUT),
        transactionNaming(kafkaNode));

    ConfigNode storeNode = root.child("objectStore");
    String endpoint = required(storeNode, "endpoint");
    ObjectStoreSettings store;
    try {
      store = new ObjectStoreSettings(URI.create(endpoint), storeNode.string("region", ObjectStoreSettings.DEFAULT_REGION),
          required(storeNode, "accessKey"), required(storeNode, "secretKey"), storeNode.bool("pathStyle", true));
    } catch (IllegalArgumentException e) {
      if (e instanceof ConfigException ce) {
        throw ce;
      }
      throw new ConfigException(storeNode.key("endpoint"), e.getMessage(), e);
    }
    ConfigNode bucketNode = storeNode.child("buckets");
    BucketNames defaults = BucketNames.defaults();
    BucketNames buckets = new BucketNames(
        bucketNode.string("originals", defaults.originals()),
        bucketNode.string("renditions", defaults.renditions()),
        bucketNode.string("state", defaults.state()));

    ConfigNode cpNode = root.child("checkpoints");
    CheckpointSettings cpDefaults = CheckpointSettings.inBucket(buckets.state());
    CheckpointSettings checkpoints = new CheckpointSettings(
        cpNode.duration("interval", cpDefaults.interval()),
        cpNode.duration("timeout", cpDefaults.timeout()),
        cpNode.string("directory", cpDefaults.directory()),
        cpNode.string("savepointDirectory", cpDefaults.savepointDirectory()),
        cpNode.integer("tolerableFailures", cpDefaults.tolerableFailures()),
        cpNode.bool("unaligned", cpDefaults.unaligned()),
        cpNode.duration("alignedTimeout", cpDefaults.alignedTimeout()));

    ConfigNode restartNode = root.child("restart");
    RestartSettings restartDefaults = RestartSettings.defaults();
    RestartSettings restart = new RestartSettings(
        restartNode.duration("initialBackoff", restartDefaults.initialBackoff()),
        restartNode.duration("maxBackoff", restartDefaults.maxBackoff()),
        restartNode.decimal("jitter", restartDefaults.jitter()),
        restartNode.duration("resetAfter", restartDefaults.resetAfter()),
        restartNode.integer("attempts", restartDefaults.attempts()));

    ConfigNode limitsNode = root.child("limits");
    ImageLimitSettings limitDefaults = ImageLimitSettings.defaults();
    ImageLimitSettings limits = new ImageLimitSettings(
        limitsNode.longValue("maxPixels", limitDefaults.maxPixels()),
        limitsNode.longValue("maxBytes", limitDefaults.maxBytes()),
        limitsNode.longValue("maxDecodeBytes", limitDefaults.maxDecodeBytes()));

    ConfigNode retryNode = root.child("storage").child("retries");
    RetrySettings retryDefaults = RetrySettings.defaults();
    RetrySettings retries = new RetrySettings(
        retryNode.integer("attempts", retryDefaults.attempts()),
        retryNode.duration("initialBackoff", retryDefaults.initialBackoff()),
        retryNode.duration("maxBackoff", retryDefaults.maxBackoff()),
        retryNode.duration("attemptTimeout", retryDefaults.attemptTimeout()),
        retryNode.duration("callTimeout", retryDefaults.callTimeout()));

    ProfileCatalog profiles = profiles(root);
    ProcessingSettings processing = new ProcessingSettings(
        storeNode.string("originalsPrefix", ProcessingSettings.DEFAULT_ORIGINALS_PREFIX),
        root.child("processing").integer("maxAttempts", ProcessingSettings.DEFAULT_MAX_ATTEMPTS));

    ConfigNode stateNode = root.child("state");
    StateSettings stateDefaults = StateSettings.defaults();
    StateSettings.Backend backend = StateSettings.Backend.parse(stateNode.key("backend"),
        stateNode.string("backend", stateDefaults.backend().flinkName()));
    StateSettings state = new StateSettings(backend,
        stateNode.bool("incremental", backend == StateSettings.Backend.ROCKSDB),
        stateNode.integer("maxParallelism", stateDefaults.maxParallelism()));

    return new JobConfig(kafka, store, buckets, checkpoints, restart,
        root.integer("parallelism", JobConfig.DEFAULT_PARALLELISM),
        root.child("dedup").duration("ttl", JobConfig.DEFAULT_DEDUP_TTL),
        limits, retries, profiles, processing, state);
  }

  private static KafkaSettings.TransactionNaming transactionNaming(ConfigNode kafka) {
    String value = kafka.string("transactionNaming", KafkaSettings.TransactionNaming.POOLING.name());
    try {
      return KafkaSettings.TransactionNaming.valueOf(value.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(kafka.key("transactionNaming"), "expected pooling or incrementing, got '" + value + "'");
    }
  }

  private static ProfileCatalog profiles(ConfigNode root) {
    Map<String, ProfileSettings> profiles = new LinkedHashMap<>();
    if (root.has("profiles")) {
      root.child("profiles").entries().forEach((name, node) -> profiles.put(name, profile(node)));
    }
    profiles.putIfAbsent(ProfileCatalog.DEFAULT_PROFILE, ProfileSettings.defaults());
    List<ProfileRoute> routes = new ArrayList<>();
    List<Object> items = root.list("routes");
    if (items != null) {
      for (int i = 0; i < items.size(); i++) {
        ConfigNode r = root.listItem("routes", i, items.get(i));
        routes.add(new ProfileRoute(r.string("source", null), r.string("pathPrefix", null), required(r, "profile")));
      }
    }
    return new ProfileCatalog(profiles, routes);
  }

  private static ProfileSettings profile(ConfigNode node) {
    CropSettings crop = crop(node);
    List<Object> items = node.list("renditions");
    List<RenditionSettings> renditions = new ArrayList<>();
    if (items == null) {
      renditions.addAll(ProfileSettings.defaults().renditions());
    } else {
      for (int i = 0; i < items.size(); i++) {
        renditions.add(rendition(node.listItem("renditions", i, items.get(i))));
      }
    }
    return new ProfileSettings(crop, renditions);
  }

  private static CropSettings crop(ConfigNode node) {
    Object raw = node.raw("crop");
    if (raw == null || "none".equals(raw)) {
      return CropSettings.NONE;
    }
    if (!(raw instanceof Map)) {
      throw new ConfigException(node.key("crop"), "expected none, {rectangle: [x, y, width, height]} or {aspect: \"4:5\"}");
    }
    ConfigNode crop = node.child("crop");
    if (crop.has("rectangle") && crop.has("aspect")) {
      throw new ConfigException(crop.key("rectangle"), "give either rectangle or aspect, not both");
    }
    if (crop.has("rectangle")) {
      List<Object> r = crop.list("rectangle");
      int[] v = ints(crop.key("rectangle"), r, 4);
      return CropSettings.rectangle(v[0], v[1], v[2], v[3]);
    }
    if (crop.has("aspect")) {
      int[] ratio = ratio(crop.key("aspect"), crop.string("aspect", null));
      return CropSettings.aspect(ratio[0], ratio[1]);
    }
    throw new ConfigException(node.key("crop"), "expected none, {rectangle: [x, y, width, height]} or {aspect: \"4:5\"}");
  }

  private static RenditionSettings rendition(ConfigNode node) {
    String name = required(node, "name");
    int quality = node.integer("quality", RenditionSettings.DEFAULT_QUALITY);
    if (node.has("longEdge") == node.has("box")) {
      throw new ConfigException(node.key("longEdge"), "give exactly one of longEdge: N or box: [width, height]");
    }
    if (node.has("longEdge")) {
      return RenditionSettings.longEdge(name, node.integer("longEdge", 0), quality);
    }
    Object box = node.raw("box");
    int[] wh = box instanceof List<?> l ? ints(node.key("box"), new ArrayList<>(l), 2) : ratio(node.key("box"), String.valueOf(box));
    return RenditionSettings.box(name, wh[0], wh[1], quality);
  }

  private static int[] ints(String key, List<Object> values, int count) {
    if (values == null || values.size() != count) {
      throw new ConfigException(key, "expected a list of " + count + " integers");
    }
    int[] out = new int[count];
    for (int i = 0; i < count; i++) {
      try {
        out[i] = Integer.parseInt(String.valueOf(values.get(i)).trim());
      } catch (NumberFormatException e) {
        throw new ConfigException(key, "expected integers, got '" + values.get(i) + "'");
      }
    }
    return out;
  }

  private static int[] ratio(String key, String text) {
    Matcher m = RATIO.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new ConfigException(key, "expected two integers like 4:5 or 800x600, got '" + text + "'");
    }
    return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
  }

  /**
   * Required, with no default: two deployments with the same prefix on one Kafka cluster abort
   * each other's transactions at every start, and the records of the one aborted are lost — a
   * default would make that the silent outcome of two copies of the same file.
   */
  private static String transactionalIdPrefix(ConfigNode kafka) {
    String v = kafka.string("transactionalIdPrefix", null);
    if (v == null) {
      throw new ConfigException(kafka.key("transactionalIdPrefix"), "is required and must be unique per deployment on"
          + " the Kafka cluster (e.g. imagestore-<environment>-<region>): jobs sharing it abort each other's"
          + " transactions and lose their records");
    }
    return v;
  }

  private static String required(ConfigNode node, String name) {
    String v = node.string(name, null);
    if (v == null) {
      throw new ConfigException(node.key(name), "is required");
    }
    return v;
  }
}
