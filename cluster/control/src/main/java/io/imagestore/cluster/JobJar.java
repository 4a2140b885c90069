package io.imagestore.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The job jar a data engineer submits: {@code flink-job}'s shaded artifact (profile
 * {@code job-jar}), with Flink itself left to the cluster.
 */
public final class JobJar {
  private JobJar() {}

  /** The built jar, if there is one. */
  public static Path locate(Path projectHome) {
    Path target = projectHome.resolve("flink-job/target");
    try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
      return files.filter(f -> f.getFileName().toString().matches("imagestore-flink-job-.*-job\\.jar"))
          .findFirst()
          .orElseThrow(() -> new StackException("no job jar in " + target + " (build it: mvn -Pjob-jar -pl flink-job -am package)"));
    } catch (IOException e) {
      throw new StackException("cannot list " + target, e);
    }
  }

  /** Builds the jar from the working tree with Maven; the log goes to {@code logFile}. */
  public static Path build(Path projectHome, Path logFile, Consumer<String> progress) {
    progress.accept("job jar: building (mvn -Pjob-jar -pl flink-job -am package; log " + logFile + ")");
    long t0 = System.nanoTime();
    ProcessBuilder builder = new ProcessBuilder(List.of("mvn", "-B", "-ntp", "-q", "-Pjob-jar", "-Dmaven.test.skip=true",
        "-pl", "flink-job", "-am", "package"))
        .directory(projectHome.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()));
    try {
      Files.createDirectories(logFile.getParent());
      Process process = builder.start();
      if (!process.waitFor(20, TimeUnit.MINUTES) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new StackException("the job jar did not build; see " + logFile);
      }
    } catch (IOException e) {
      throw new StackException("cannot run mvn (is Maven installed?): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("interrupted while building the job jar", e);
    }
    Path jar = locate(projectHome);
    progress.accept("job jar: " + jar + " (" + Stack.seconds(t0) + ")");
    return jar;
  }
}
