package io.imagestore.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the stack keeps each component's data, configuration, PID and log under its data dir. */
public record StackLayout(Path dataDir) {
  public StackLayout {
    dataDir = dataDir.toAbsolutePath().normalize();
  }

  public Path stateFile() {
    return dataDir.resolve("stack.json");
  }

  public Path envFile() {
    return dataDir.resolve("stack.env");
  }

  public Path pids() {
    return dataDir.resolve("pids");
  }

  public Path logs() {
    return dataDir.resolve("logs");
  }

  public Path conf() {
    return dataDir.resolve("conf");
  }

  /** A component's own data directory, e.g. {@code kafka-1}, {@code zookeeper}, {@code s3}. */
  public Path data(String component) {
    return dataDir.resolve("data").resolve(component);
  }

  public Path log(String process) {
    return logs().resolve(process + ".log");
  }

  public Path processOutput(String process) {
    return logs().resolve(process + ".out");
  }

  public Path createDirectories(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }
}
