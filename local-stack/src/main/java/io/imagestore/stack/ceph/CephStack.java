package io.imagestore.stack.ceph;

import io.imagestore.objectstore.ObjectStoreSettings;
import io.imagestore.stack.Buckets;
import io.imagestore.stack.FreePorts;
import io.imagestore.stack.LocalFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-host Ceph cluster (1 mon, 1 mgr, 3 OSDs, RGW on an erasure-coded 2+1 pool) run by
 * {@code scripts/ceph/ceph-stack.sh}, for tests against a real RGW and failure drills on its OSDs.
 *
 * <p>The script's monitor ports are fixed, so one stack runs per host: tests share one per JVM
 * ({@link CephStackExtension}) and give each test class its own buckets. {@link #close()} stops
 * the daemons and deletes the stack's directory; a shutdown hook does the same if the JVM exits
 * without closing it, and {@link #start} first stops stacks left by JVMs that died harder than that.
 */
public final class CephStack implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CephStack.class);
  private static final String WORK_PREFIX = "ceph-";
  private static final String OWNER_FILE = "owner.pid";
  private static final String CLUSTER_DIR = "cluster";
  /** Plain ceph/rados calls: the script bounds each of its own CLI calls at 60 s. */
  private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);

  private final Path workDir;
  private final StackScript script;
  private final Duration stepTimeout;
  private final CephStackEnv env;
  private final Thread shutdownHook;
  private boolean closed;

  private CephStack(Path workDir, StackScript script, Duration stepTimeout, CephStackEnv env) {
    this.workDir = workDir;
    this.script = script;
    this.stepTimeout = stepTimeout;
    this.env = env;
    this.shutdownHook = new Thread(this::stopFromShutdownHook, "ceph-stack-stop");
  }

  /** Starts a fresh cluster (15–25 s here) and returns once RGW answers and every PG is active+clean. */
  public static CephStack start(CephStackSettings settings) {
    Path script = settings.script();
    if (!Files.isRegularFile(script)) {
      throw new IllegalStateException("Ceph stack script not found: " + script);
    }
    try {
      Files.createDirectories(settings.workParent());
      stopAbandoned(settings);
      // Short names: the script drops the admin sockets when its run dir path passes 80 bytes.
      Path workDir = Files.createDirectory(settings.workParent().resolve(
          WORK_PREFIX + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt())));
      Files.writeString(workDir.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
      StackScript runner = new StackScript(script, workDir, workDir.resolve(CLUSTER_DIR), settings.stepTimeout());
      int port = settings.rgwPort() == 0 ? FreePorts.pick("127.0.0.1") : settings.rgwPort();
      long t0 = System.nanoTime();
      try {
        // A failed start stops what it started itself; only the directory is left to remove.
        runner.run(startTimeout(settings.stepTimeout()), List.of("--port", Integer.toString(port)), "start");
      } catch (RuntimeException e) {
        LocalFiles.deleteTree(workDir);
        throw e;
      }
      CephStackEnv env = CephStackEnv.parse(
          Files.readString(runner.dataDir().resolve("stack.env"), StandardCharsets.UTF_8));
      CephStack stack = new CephStack(workDir, runner, settings.stepTimeout(), env);
      Runtime.getRuntime().addShutdownHook(stack.shutdownHook);
      LOG.info("ceph stack up in {} ms: rgw={} dir={}", (System.nanoTime() - t0) / 1_000_000,
          env.objectStore().endpoint(), runner.dataDir());
      return stack;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare a Ceph stack under " + settings.workParent(), e);
    }
  }

  /** RGW's endpoint and the S3 user's keys (path-style, us-east-1). */
  public ObjectStoreSettings objectStore() {
    return env.objectStore();
  }

  /** The buckets {@code start} created. */
  public Buckets buckets() {
    return env.buckets();
  }

  /** The cluster's {@code ceph.conf}. */
  public Path cephConf() {
    return env.cephConf();
  }

  /** The {@code ceph} CLI against this cluster; returns its standard output. */
  public String ceph(String... args) {
    return script.run(COMMAND_TIMEOUT, List.of(), "ceph", args);
  }

  /** The {@code rados} CLI against this cluster; returns its standard output. */
  public String rados(String... args) {
    return script.run(COMMAND_TIMEOUT, List.of(), "rados", args);
  }

  /** The {@code radosgw-admin} CLI against this cluster; returns its standard output. */
  public String radosgwAdmin(String... args) {
    return script.run(COMMAND_TIMEOUT, List.of(), "radosgw-admin", args);
  }

  /** How many OSDs the monitor counts as up. */
  public int osdsUp() {
    return Integer.parseInt(jsonField(ceph("osd", "stat", "-f", "json"), "num_up_osds", "(\\d+)"));
  }

  /**
   * The bucket's marker: RGW names every RADOS object of the bucket's data after it, so {@code
   * rados ls} of the data pool shows which pieces belong to the bucket.
   */
  public String bucketMarker(String bucket) {
    return jsonField(radosgwAdmin("bucket", "stats", "--bucket=" + bucket), "marker", "\"([^\"]+)\"");
  }

  /** The erasure-code profile a pool was created with, e.g. {@code imagestore-ec-2-1}. */
  public String erasureCodeProfile(String pool) {
    String answer = ceph("osd", "pool", "get", pool, "erasure_code_profile");
    return answer.lines().filter(l -> l.startsWith("erasure_code_profile:"))
        .map(l -> l.substring("erasure_code_profile:".length()).strip()).findFirst()
        .orElseThrow(() -> new IllegalStateException("pool " + pool + " has no erasure_code_profile: " + answer));
  }

  private static String jsonField(String json, String name, String valuePattern) {
    Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*" + valuePattern).matcher(json);
    if (!m.find()) {
      throw new IllegalStateException("no " + name + " in: " + json);
    }
    return m.group(1);
  }

  /** {@code kill -9} of osd.N (a lost disk or host); returns once the monitor marks it down. */
  public void stopOsd(int id) {
    script.run(stepTimeout.plusSeconds(30), List.of(), "stop-osd", Integer.toString(id));
  }

  /** Restarts osd.N on its existing store; returns once it is up. Follow with {@link #waitClean}. */
  public void startOsd(int id) {
    script.run(stepTimeout.plusSeconds(30), List.of(), "start-osd", Integer.toString(id));
  }

  /** Creates and starts a new OSD; returns its id once it is up. Follow with {@link #waitClean}. */
  public int addOsd() {
    List<String> lines = script.run(stepTimeout.plusSeconds(30), List.of(), "add-osd").lines()
        .map(String::strip).filter(l -> !l.isEmpty()).toList();
    if (lines.isEmpty() || !lines.get(lines.size() - 1).matches("\\d+")) {
      throw new IllegalStateException("add-osd printed no OSD id: " + lines);
    }
    return Integer.parseInt(lines.get(lines.size() - 1));
  }

  /** Drains osd.N until every PG is active+clean without it, then stops, purges and deletes it. */
  public void removeOsd(int id) {
    script.run(stepTimeout.multipliedBy(3), List.of(), "remove-osd", Integer.toString(id));
  }

  /**
   * Waits until every PG is active+clean and every OSD that is in is up.
   *
   * @return how long that took
   * @throws IllegalStateException if it did not happen within {@code timeout}
   */
  public Duration waitClean(Duration timeout) {
    long seconds = Math.max(1, timeout.toSeconds());
    long t0 = System.nanoTime();
    script.run(Duration.ofSeconds(seconds + 30), List.of(), "wait-clean", Long.toString(seconds));
    return Duration.ofNanos(System.nanoTime() - t0);
  }

  /** Stops every daemon of this cluster and deletes its directory. Idempotent. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or about to: stopping twice is harmless
    }
    stop(workDir, script);
  }

  private void stopFromShutdownHook() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    LOG.warn("ceph stack in {} was not closed; stopping it at JVM exit", workDir);
    stop(workDir, script);
  }

  private static void stop(Path workDir, StackScript script) {
    try {
      script.run(Duration.ofMinutes(2), List.of(), "stop");
      LOG.info("ceph stack stopped: {}", workDir);
    } finally {
      LocalFiles.deleteTree(workDir);
    }
  }

  /**
   * Stops stacks whose JVM died without running its shutdown hooks (kill -9, OOM kill): their
   * daemons would hold the fixed monitor ports and fail this start. A stack whose owner is alive is
   * left alone.
   */
  private static void stopAbandoned(CephStackSettings settings) throws IOException {
    List<Path> candidates;
    try (Stream<Path> dirs = Files.list(settings.workParent())) {
      candidates = dirs.filter(d -> d.getFileName().toString().startsWith(WORK_PREFIX))
          .filter(d -> Files.isRegularFile(d.resolve(OWNER_FILE))).toList();
    }
    for (Path dir : candidates) {
      long owner;
      try {
        owner = Long.parseLong(Files.readString(dir.resolve(OWNER_FILE)).strip());
      } catch (NumberFormatException | IOException unreadable) {
        continue;
      }
      if (ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false)) {
        continue;
      }
      LOG.warn("stopping the ceph stack in {} left by process {} that is gone", dir, owner);
      stop(dir, new StackScript(settings.script(), dir, dir.resolve(CLUSTER_DIR), settings.stepTimeout()));
    }
  }

  private static Duration startTimeout(Duration stepTimeout) {
    // mon, mgr, each OSD, RGW and the final wait for clean PGs each get a step timeout.
    return stepTimeout.multipliedBy(8);
  }
}
