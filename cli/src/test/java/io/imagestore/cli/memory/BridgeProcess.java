package io.imagestore.cli.memory;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ingest bridge as its own JVM ({@code BridgeMain}), as the standalone stack and the Docker
 * image run it, with the JVM flags a test chooses: a heap limit is only real in a process of its
 * own.
 */
final class BridgeProcess implements AutoCloseable {
  private static final Pattern READY = Pattern.compile("ingest-bridge ready ftp=([^:\\s]+):(\\d+).*");

  private final Process process;
  private final Path log;
  private final String host;
  private final int port;

  private BridgeProcess(Process process, Path log, String host, int port) {
    this.process = process;
    this.log = log;
    this.host = host;
    this.port = port;
  }

  /** Starts {@code BridgeMain config} and waits for its ready line; stderr goes to {@code log}. */
  static BridgeProcess start(List<String> jvmFlags, Path config, Map<String, String> env, Path log)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags);
    command.addAll(List.of("-cp", testClassPath(), "io.imagestore.bridge.BridgeMain", config.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    // A bridge that never gets ready ends the wait by exiting (stdout closes) or by the guard below.
    CompletableFuture<Matcher> ready = CompletableFuture.supplyAsync(() -> {
      try {
        for (String line = stdout.readLine(); line != null; line = stdout.readLine()) {
          Matcher m = READY.matcher(line);
          if (m.matches()) {
            return m;
          }
        }
        return null;
      } catch (IOException e) {
        return null;
      }
    });
    Matcher m;
    try {
      m = ready.get(2, TimeUnit.MINUTES);
    } catch (Exception e) {
      m = null;
    }
    if (m == null) {
      process.destroyForcibly().waitFor();
      throw new IllegalStateException("the bridge did not get ready; its log:\n" + Files.readString(log));
    }
    // Keep draining stdout so the child never blocks on a full pipe.
    Thread drain = new Thread(() -> {
      try {
        while (stdout.readLine() != null) {
          // the shutdown lines only
        }
      } catch (IOException closed) {
        // the process ended
      }
    }, "bridge-stdout");
    drain.setDaemon(true);
    drain.start();
    return new BridgeProcess(process, log, m.group(1), Integer.parseInt(m.group(2)));
  }

  String host() {
    return host;
  }

  int port() {
    return port;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Peak resident set of the bridge JVM so far, from {@code /proc}; -1 where there is none. */
  long peakRssMib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) >> 10;
        }
      }
    } catch (IOException | RuntimeException notLinux) {
      // no /proc
    }
    return -1;
  }

  String log() throws IOException {
    return Files.readString(log);
  }

  /** SIGTERM, so the bridge shuts down as in production; killed if it does not end in time. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(1, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor();
    }
  }

  /** Surefire and Failsafe run tests from a manifest-only jar; the real path is in a property. */
  private static String testClassPath() {
    String classPath = System.getProperty("surefire.test.class.path");
    if (classPath == null || classPath.isBlank()) {
      classPath = System.getProperty("java.class.path");
    }
    if (classPath.split(File.pathSeparator).length < 2) {
      throw new IllegalStateException("no test class path to start the bridge from: " + classPath);
    }
    return classPath;
  }
}
