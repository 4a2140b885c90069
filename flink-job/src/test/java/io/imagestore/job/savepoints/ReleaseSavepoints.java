package io.imagestore.job.savepoints;

import io.imagestore.job.config.JobConfig;
import io.imagestore.job.testing.TestJobConfigs;
import io.imagestore.stack.StackEndpoints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Where the committed release savepoints are ({@code savepoints/<release>/}) and the job config they are taken with. */
final class ReleaseSavepoints {
  /** The name the savepoint runs' state, consumer group and transactional ids derive from. */
  static final String DEPLOYMENT = "release-savepoint";

  private ReleaseSavepoints() {}

  /** {@code savepoints/} of the repository, found upwards from the working directory (a module's). */
  static Path folder() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("savepoints/README.md"))) {
        return d.resolve("savepoints");
      }
    }
    throw new IllegalStateException("no savepoints/README.md in " + dir + " or above");
  }

  /** Every release folder with a savepoint in it, oldest first. */
  static List<Path> releases() {
    try (Stream<Path> dirs = Files.list(folder())) {
      return dirs.filter(d -> Files.isRegularFile(d.resolve("_metadata")))
          .sorted(Comparator.comparing(ReleaseSavepoints::versionKey))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The release of a project version: {@code 0.1.0-SNAPSHOT} → {@code 0.1.0}. */
  static String release(String projectVersion) {
    return projectVersion.replaceFirst("-SNAPSHOT$", "");
  }

  /** The embedded test config (1 s checkpoints, parallelism 2), under the savepoint runs' own names. */
  static JobConfig jobConfig(StackEndpoints endpoints) {
    return TestJobConfigs.forStack(endpoints, DEPLOYMENT);
  }

  private static String versionKey(Path dir) {
    StringBuilder key = new StringBuilder();
    for (String part : dir.getFileName().toString().split("\\.")) {
      key.append(String.format("%08d", part.matches("\\d+") ? Integer.parseInt(part) : 0));
    }
    return key.toString();
  }
}
