package io.imagestore.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A JVM to start as one of the stack's processes. */
public final class JavaCommand {
  /** Flink, Kafka and ZooKeeper on Java 17 need these (the list Flink's launch scripts pass). */
  static final List<String> OPENS = List.of(
      "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
      "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
      "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens=java.base/java.text=ALL-UNNAMED", "--add-opens=java.base/java.time=ALL-UNNAMED",
      "--add-opens=java.base/java.math=ALL-UNNAMED", "--add-opens=java.sql/java.sql=ALL-UNNAMED",
      "--add-exports=java.base/sun.net.util=ALL-UNNAMED");

  private final String mainClass;
  private final String classpath;
  private final List<String> jvmOptions = new ArrayList<>(OPENS);
  private final List<String> arguments = new ArrayList<>();
  private final Map<String, String> environment = new LinkedHashMap<>();

  public JavaCommand(String mainClass, String classpath) {
    this.mainClass = mainClass;
    this.classpath = classpath;
  }

  public JavaCommand jvm(String... options) {
    jvmOptions.addAll(List.of(options));
    return this;
  }

  public JavaCommand jvm(List<String> options) {
    jvmOptions.addAll(options);
    return this;
  }

  public JavaCommand args(String... args) {
    arguments.addAll(List.of(args));
    return this;
  }

  public JavaCommand args(List<String> args) {
    arguments.addAll(args);
    return this;
  }

  public JavaCommand env(String name, String value) {
    environment.put(name, value);
    return this;
  }

  public JavaCommand env(Map<String, String> values) {
    environment.putAll(values);
    return this;
  }

  Map<String, String> environment() {
    return environment;
  }

  /** The command line; {@code marker} lets {@code down} tell this process from a reused PID. */
  List<String> commandLine(String marker) {
    List<String> command = new ArrayList<>();
    command.add(javaBinary());
    command.addAll(jvmOptions);
    command.add("-D" + ManagedProcesses.MARKER_PROPERTY + "=" + marker);
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    command.addAll(arguments);
    return command;
  }

  /** The JVM this one runs on: the stack uses the same JDK as the command that started it. */
  static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
