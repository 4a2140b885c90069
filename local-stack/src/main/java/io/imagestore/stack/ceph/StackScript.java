package io.imagestore.stack.ceph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code ceph-stack.sh} against one data directory. Output goes to files, not pipes: the
 * script starts daemons, and a pipe held open by one would make reading it block past the timeout.
 */
final class StackScript {
  private static final Logger LOG = LoggerFactory.getLogger(StackScript.class);
  private static final int ERROR_TAIL_LINES = 15;

  private final Path script;
  private final Path workDir;
  private final Path dataDir;
  private final Duration stepTimeout;

  StackScript(Path script, Path workDir, Path dataDir, Duration stepTimeout) {
    this.script = script;
    this.workDir = workDir;
    this.dataDir = dataDir;
    this.stepTimeout = stepTimeout;
  }

  Path dataDir() {
    return dataDir;
  }

  /**
   * Runs {@code ceph-stack.sh --data-dir DIR [options] command args…} and returns its standard
   * output; its progress lines (standard error) are logged at DEBUG.
   *
   * @throws IllegalStateException on a non-zero exit or after {@code timeout}, with the end of the
   *     script's error output
   */
  String run(Duration timeout, List<String> options, String command, String... args) {
    List<String> line = new ArrayList<>(List.of("bash", script.toString(), "--data-dir", dataDir.toString()));
    line.addAll(options);
    line.add(command);
    line.addAll(List.of(args));
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile(workDir, "script-", ".out");
      err = Files.createTempFile(workDir, "script-", ".err");
      ProcessBuilder builder = new ProcessBuilder(line).directory(workDir.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
          .redirectOutput(out.toFile())
          .redirectError(err.toFile());
      builder.environment().put("IMAGESTORE_CEPH_TIMEOUT", Long.toString(stepTimeout.toSeconds()));
      Process process = builder.start();
      boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!exited) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor();
      }
      String stderr = Files.readString(err, StandardCharsets.UTF_8);
      if (LOG.isDebugEnabled()) {
        stderr.lines().forEach(l -> LOG.debug("{}: {}", command, l));
      }
      if (!exited) {
        throw new IllegalStateException(describe(command, args) + " did not finish in " + timeout + tail(stderr));
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(describe(command, args) + " exited " + process.exitValue() + tail(stderr));
      }
      return Files.readString(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + script, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + describe(command, args), e);
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  private static String describe(String command, String... args) {
    return "ceph-stack.sh " + command + (args.length == 0 ? "" : " " + String.join(" ", args));
  }

  private static String tail(String stderr) {
    List<String> lines = stderr.lines().toList();
    List<String> last = lines.subList(Math.max(0, lines.size() - ERROR_TAIL_LINES), lines.size());
    return last.isEmpty() ? "" : ":\n  " + String.join("\n  ", last);
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.debug("cannot delete {}: {}", file, e.toString());
    }
  }
}
