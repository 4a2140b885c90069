package io.imagestore.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The classpaths the stack's processes run with: each runtime module under {@code cluster/}
 * resolves one from Maven Central into {@code target/classpath.txt} at {@code package}.
 */
public record Runtimes(Path projectHome) {
  public static final String BUILD_HINT =
      "build them: mvn -B -Dmaven.test.skip=true -pl cluster/flink,cluster/kafka,cluster/zookeeper,cluster/services -am package";

  public String flink() {
    return classpath("flink");
  }

  public String kafka() {
    return classpath("kafka");
  }

  public String zookeeper() {
    return classpath("zookeeper");
  }

  /** The bridge and the S3 server. */
  public String services() {
    return classpath("services");
  }

  /** Flink's plugins dir: flink-s3-fs-presto for s3p:// checkpoints, savepoints and HA metadata. */
  public Path flinkPlugins() {
    Path plugins = projectHome.resolve("cluster/flink/target/plugins");
    if (!Files.isDirectory(plugins.resolve("s3-fs-presto"))) {
      throw new StackException("no Flink S3 plugin in " + plugins + "; " + BUILD_HINT);
    }
    return plugins;
  }

  private String classpath(String module) {
    Path file = projectHome.resolve("cluster").resolve(module).resolve("target/classpath.txt");
    try {
      String classpath = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (classpath.isEmpty()) {
        throw new StackException("empty classpath in " + file + "; " + BUILD_HINT);
      }
      return classpath;
    } catch (IOException e) {
      throw new StackException("no classpath for the " + module + " processes (" + file + "); " + BUILD_HINT, e);
    }
  }
}
