package io.imagestore.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One log4j 2 configuration for every JVM of the stack: each writes {@code logs/<name>.log}
 * (the file Flink's web UI shows too), size-rolled, at INFO — these are server logs, read
 * after the fact, so they keep what an operator needs to reconstruct a failure.
 */
final class StackLogging {
  private StackLogging() {}

  static Path write(StackLayout layout) {
    Path file = layout.conf().resolve("log4j2.properties");
    layout.createDirectories(layout.conf());
    String config = String.join("\n",
        "status = WARN",
        "appender.file.type = RollingFile",
        "appender.file.name = file",
        "appender.file.fileName = ${sys:log.file}",
        "appender.file.filePattern = ${sys:log.file}.%i",
        "appender.file.layout.type = PatternLayout",
        "appender.file.layout.pattern = %d{ISO8601} level=%-5level logger=%c{1} thread=%t msg=\"%enc{%m}{JSON}\"%n%throwable",
        "appender.file.policies.type = Policies",
        "appender.file.policies.size.type = SizeBasedTriggeringPolicy",
        "appender.file.policies.size.size = 50MB",
        "appender.file.strategy.type = DefaultRolloverStrategy",
        "appender.file.strategy.max = 4",
        "rootLogger.level = INFO",
        "rootLogger.appenderRef.file.ref = file",
        // Expected many times a minute here, and not actionable.
        "logger.metrics.name = org.apache.flink.metrics.MetricGroup",
        "logger.metrics.level = ERROR",
        "logger.passive.name = org.apache.ftpserver.impl.PassivePorts",
        "logger.passive.level = ERROR",
        "logger.zkclient.name = org.apache.zookeeper.ClientCnxn",
        "logger.zkclient.level = WARN",
        "");
    try {
      Files.writeString(file, config, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    return file;
  }

  /** JVM options that send a process's log to {@code logs/<process>.log}. */
  static List<String> options(StackLayout layout, String process) {
    return List.of(
        "-Dlog4j2.configurationFile=" + layout.conf().resolve("log4j2.properties"),
        "-Dlog4j.configurationFile=" + layout.conf().resolve("log4j2.properties"),
        "-Dlog.file=" + layout.log(process));
  }
}
