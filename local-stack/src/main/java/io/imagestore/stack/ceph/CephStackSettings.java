package io.imagestore.stack.ceph;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to run {@code scripts/ceph/ceph-stack.sh}.
 *
 * @param script the stack script
 * @param workParent the directory in which each stack gets its own {@code ceph-<hex>} directory
 * @param rgwPort RGW's port on 127.0.0.1; 0 picks a free one (the monitor ports are fixed by the
 *     script, so there is one stack per host whatever this says)
 * @param stepTimeout how long the script waits for each step (monitor up, OSDs up, PGs clean);
 *     on a loaded 2-core machine a start takes 14–22 s, so the script's 180 s default leaves room
 */
public record CephStackSettings(Path script, Path workParent, int rgwPort, Duration stepTimeout) {

  /** System property naming the script, for runs outside the source tree. */
  public static final String SCRIPT_PROPERTY = "imagestore.ceph.script";
  static final Path SCRIPT_IN_PROJECT = Path.of("scripts", "ceph", "ceph-stack.sh");

  public CephStackSettings {
    Objects.requireNonNull(script, "script");
    Objects.requireNonNull(workParent, "workParent");
    Objects.requireNonNull(stepTimeout, "stepTimeout");
    if (rgwPort < 0 || rgwPort > 65535) {
      throw new IllegalArgumentException("RGW port out of range: " + rgwPort);
    }
    if (stepTimeout.toSeconds() < 1) {
      throw new IllegalArgumentException("step timeout must be at least 1 s, got " + stepTimeout);
    }
  }

  /**
   * For test JVMs: the script from {@value #SCRIPT_PROPERTY} or found above {@code user.dir}, the
   * stack under {@code java.io.tmpdir} (Surefire and Failsafe point that into {@code target/}), a
   * free RGW port, the script's default step timeout.
   */
  public static CephStackSettings forTests() {
    String configured = System.getProperty(SCRIPT_PROPERTY);
    Path script = configured != null && !configured.isBlank()
        ? Path.of(configured).toAbsolutePath()
        : locateScript(Path.of(System.getProperty("user.dir")));
    return new CephStackSettings(script, Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath(), 0,
        Duration.ofSeconds(180));
  }

  /** Walks up from {@code start} to the project root, the directory holding the script. */
  static Path locateScript(Path start) {
    for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(SCRIPT_IN_PROJECT);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no " + SCRIPT_IN_PROJECT + " in " + start + " or any directory above it; set -D"
        + SCRIPT_PROPERTY + "=<path to ceph-stack.sh>");
  }
}
