package io.imagestore.cluster;

import io.imagestore.objectstore.ObjectStoreSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Ceph RGW on an erasure-coded pool (mon, mgr, three OSDs, RGW), run by the project's
 * single-host Ceph script; its daemons are Ceph's own processes, started and stopped by it.
 */
final class CephNode implements ObjectStoreNode {
  private final Path script;
  private final StackLayout layout;
  private final int port;

  CephNode(Path projectHome, StackLayout layout, int port) {
    this.script = projectHome.resolve("scripts/ceph/ceph-stack.sh");
    this.layout = layout;
    this.port = port;
  }

  /** Whether Debian's Ceph packages are installed (the stack's default object store then). */
  static boolean packagesInstalled() {
    return List.of("ceph-mon", "ceph-osd", "radosgw").stream()
        .allMatch(daemon -> Files.isExecutable(Path.of("/usr/bin", daemon)));
  }

  Path dataDir() {
    return layout.data("ceph");
  }

  @Override
  public ObjectStoreSettings start(StackBuckets buckets, Duration timeout) {
    Map<String, String> env = new HashMap<>();
    env.put("IMAGESTORE_ORIGINALS_BUCKET", buckets.originals());
    env.put("IMAGESTORE_RENDITIONS_BUCKET", buckets.renditions());
    env.put("IMAGESTORE_STATE_BUCKET", buckets.state());
    run(timeout, env, "start");
    Map<String, String> values = readEnvFile(dataDir().resolve("stack.env"));
    return new ObjectStoreSettings(java.net.URI.create(values.get("IMAGESTORE_S3_ENDPOINT")),
        values.getOrDefault("AWS_REGION", ObjectStoreSettings.DEFAULT_REGION),
        values.get("AWS_ACCESS_KEY_ID"), values.get("AWS_SECRET_ACCESS_KEY"), true);
  }

  @Override
  public void stop() {
    if (Files.exists(dataDir())) {
      run(Duration.ofMinutes(3), Map.of(), "stop");
    }
  }

  @Override
  public boolean isRunning() {
    return Files.exists(dataDir().resolve("stack.env"));
  }

  @Override
  public String describe() {
    return "Ceph RGW on 127.0.0.1:" + port + " (EC 2+1 pool; " + script.getFileName() + " --data-dir " + dataDir() + ")";
  }

  /** Runs one of the script's commands (e.g. {@code stop-osd 1}), its output appended to logs/ceph.out. */
  void run(Duration timeout, Map<String, String> env, String... command) {
    List<String> line = new java.util.ArrayList<>(List.of(script.toString(), "--data-dir", dataDir().toString(),
        "--port", Integer.toString(port)));
    line.addAll(List.of(command));
    layout.createDirectories(layout.logs());
    ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(layout.processOutput("ceph").toFile()));
    builder.environment().putAll(env);
    try {
      Process process = builder.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new StackException("ceph " + String.join(" ", command) + " did not finish within "
            + timeout.toSeconds() + " s; see " + layout.processOutput("ceph"));
      }
      if (process.exitValue() != 0) {
        throw new StackException("ceph " + String.join(" ", command) + " failed (exit " + process.exitValue()
            + "); see " + layout.processOutput("ceph"));
      }
    } catch (IOException e) {
      throw new StackException("cannot run " + script + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("interrupted while running ceph " + String.join(" ", command), e);
    }
  }

  private static Map<String, String> readEnvFile(Path file) {
    try {
      Map<String, String> values = new HashMap<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        int eq = line.indexOf('=');
        if (eq > 0 && !line.startsWith("#")) {
          values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
        }
      }
      return values;
    } catch (IOException e) {
      throw new StackException("cannot read the Ceph stack's settings " + file, e);
    }
  }
}
