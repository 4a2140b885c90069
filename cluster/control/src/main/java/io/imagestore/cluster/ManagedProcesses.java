package io.imagestore.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The stack's processes, by name: each started detached (it outlives the command that started
 * it), with its PID in {@code pids/<name>.pid} and its output in {@code logs/<name>.out}. A PID
 * is only acted on when that process carries this stack's marker on its command line, so a PID
 * reused by the system after a crash is never signalled.
 */
public final class ManagedProcesses {
  static final String MARKER_PROPERTY = "imagestore.stack.process";

  private final StackLayout layout;

  public ManagedProcesses(StackLayout layout) {
    this.layout = layout;
  }

  public long start(String name, JavaCommand command) {
    if (find(name).isPresent()) {
      throw new StackException(name + " is already running (pid " + find(name).get().pid() + ")");
    }
    layout.createDirectories(layout.pids());
    layout.createDirectories(layout.logs());
    ProcessBuilder builder = new ProcessBuilder(command.commandLine(marker(name)))
        .directory(layout.dataDir().toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(layout.processOutput(name).toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    builder.environment().putAll(command.environment());
    try {
      Process process = builder.start();
      Files.writeString(pidFile(name), process.pid() + "\n", StandardCharsets.UTF_8);
      return process.pid();
    } catch (IOException e) {
      throw new StackException("cannot start " + name + ": " + e.getMessage(), e);
    }
  }

  /** Runs a short-lived JVM (a tool such as Kafka's storage format) to its end; its output is logged. */
  public void runToCompletion(String name, JavaCommand command, Duration timeout) {
    layout.createDirectories(layout.logs());
    ProcessBuilder builder = new ProcessBuilder(command.commandLine(marker(name)))
        .directory(layout.dataDir().toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(layout.processOutput(name).toFile()));
    builder.environment().putAll(command.environment());
    try {
      Process process = builder.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new StackException(name + " did not finish within " + timeout.toSeconds() + " s; see " + layout.processOutput(name));
      }
      if (process.exitValue() != 0) {
        throw new StackException(name + " failed (exit " + process.exitValue() + "); see " + layout.processOutput(name));
      }
    } catch (IOException e) {
      throw new StackException("cannot run " + name + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("interrupted while running " + name, e);
    }
  }

  /** The live process recorded under {@code name}, if it is still this stack's. */
  public Optional<ProcessHandle> find(String name) {
    Path file = pidFile(name);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      long pid = Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).strip());
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> carriesMarker(p, name));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** For waits: a process that exited fails the wait at once, with where to read why. */
  public void requireRunning(String... names) {
    for (String name : names) {
      if (!isRunning(name)) {
        throw new StackException(name + " exited; see " + layout.processOutput(name) + " and " + layout.log(name));
      }
    }
  }

  public boolean isRunning(String name) {
    return find(name).isPresent();
  }

  /** Names with a PID file, in start order (oldest first). */
  public List<String> recorded() {
    if (!Files.isDirectory(layout.pids())) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(layout.pids())) {
      return files.filter(f -> f.getFileName().toString().endsWith(".pid"))
          .sorted((a, b) -> Long.compare(modified(a), modified(b)))
          .map(f -> f.getFileName().toString().replaceFirst("\\.pid$", ""))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SIGTERM, then SIGKILL after {@code grace}; returns whether a process was running. */
  public boolean stop(String name, Duration grace) {
    Optional<ProcessHandle> process = find(name);
    process.ifPresent(p -> {
      p.destroy();
      if (!awaitExit(p, grace)) {
        p.destroyForcibly();
        awaitExit(p, Duration.ofSeconds(10));
      }
    });
    deletePidFile(name);
    return process.isPresent();
  }

  /** {@code kill -9}: the process gets no chance to clean up (a crash, a lost machine). */
  public long kill(String name) {
    ProcessHandle process = find(name).orElseThrow(() -> new StackException(name + " is not running"));
    process.destroyForcibly();
    if (!awaitExit(process, Duration.ofSeconds(10))) {
      throw new StackException(name + " (pid " + process.pid() + ") survived SIGKILL for 10 s");
    }
    deletePidFile(name);
    return process.pid();
  }

  private static boolean awaitExit(ProcessHandle process, Duration timeout) {
    try {
      process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return !process.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    } catch (java.util.concurrent.ExecutionException e) {
      return !process.isAlive();
    }
  }

  private boolean carriesMarker(ProcessHandle process, String name) {
    Path cmdline = Path.of("/proc", Long.toString(process.pid()), "cmdline");
    String expected = "-D" + MARKER_PROPERTY + "=" + marker(name);
    try {
      if (Files.exists(cmdline)) {
        return List.of(Files.readString(cmdline, StandardCharsets.UTF_8).split("\0")).contains(expected);
      }
    } catch (IOException e) {
      return false;
    }
    return process.info().arguments().map(args -> List.of(args).contains(expected)).orElse(false);
  }

  private String marker(String name) {
    return name + "@" + layout.dataDir();
  }

  private Path pidFile(String name) {
    return layout.pids().resolve(name + ".pid");
  }

  private void deletePidFile(String name) {
    try {
      Files.deleteIfExists(pidFile(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      return Long.MAX_VALUE;
    }
  }
}
