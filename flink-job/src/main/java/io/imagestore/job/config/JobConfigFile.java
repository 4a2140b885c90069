package io.imagestore.job.config;

import io.imagestore.config.ConfigException;
import io.imagestore.config.ConfigReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@link JobConfig} from one YAML file plus command-line overrides ({@code --set
 * kafka.bootstrap=host:9092}; the value is parsed as YAML, so lists work too), with the same
 * {@link ConfigReader} the bridge uses. String values may name environment variables as
 * {@code ${NAME}} — the one place the job reads the environment, so secrets need not sit in the
 * file. Unknown keys are errors: a typo must not silently fall back to a default. See {@code
 * docs/flink-job.md} for every key.
 */
public final class JobConfigFile {
  private JobConfigFile() {}

  /**
   * Parses {@code --config FILE} and any number of {@code --set key=value} from a command line.
   */
  public static JobConfig fromArgs(String[] args, Map<String, String> env) {
    Path file = null;
    List<String> overrides = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if ((arg.equals("--config") || arg.equals("--set")) && i + 1 >= args.length) {
        throw new ConfigException(arg, "needs a value");
      }
      switch (arg) {
        case "--config" -> file = Path.of(args[++i]);
        case "--set" -> overrides.add(args[++i]);
        default -> throw new ConfigException(arg, "unknown argument (use --config FILE and --set key=value)");
      }
    }
    if (file == null) {
      return parse("", overrides, env);
    }
    return load(file, overrides, env);
  }

  public static JobConfig load(Path file, List<String> overrides, Map<String, String> env) {
    return reader(overrides, env).read(file);
  }

  public static JobConfig parse(String yaml, List<String> overrides, Map<String, String> env) {
    return reader(overrides, env).read(yaml, "(file)", null);
  }

  private static ConfigReader<JobConfig> reader(List<String> overrides, Map<String, String> env) {
    ConfigReader<JobConfig> reader = ConfigReader.of(JobConfig.class).environmentReferences(env);
    overrides.forEach(reader::override);
    return reader;
  }
}
