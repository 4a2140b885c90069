package io.imagestore.cli.stack;

import io.imagestore.cluster.JobJar;
import io.imagestore.cluster.Stack;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "submit", mixinStandardHelpOptions = true,
    description = "Submit the job jar with Flink's CLI (flink run -d), built with -Pjob-jar unless --jar is given.")
final class StackSubmitCommand implements Callable<Integer> {
  @ParentCommand
  StackCommand parent;

  @Option(names = "--jar", description = "The job jar (default: build flink-job with -Pjob-jar).")
  Path jar;

  @Option(names = "--config", description = "The job's YAML (default: docker/config/job.yaml, with the stack's endpoints).")
  Path config;

  @Option(names = "--set", description = "key=value over the job's YAML, e.g. parallelism=3 (repeatable).")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--from-savepoint", description = "Resume from this savepoint (s3p://…).")
  String savepoint;

  @Override
  public Integer call() {
    Stack stack = parent.stack();
    String jobId = StackCli.run(() -> stack.jobs().submit(jar(stack, jar), config == null ? stack.jobs().defaultConfig() : config,
        overrides, savepoint, StackCli::progress));
    System.out.println("job " + jobId + " running; web UI " + stack.flink().rest().base());
    return 0;
  }

  static Path jar(Stack stack, Path given) {
    return given != null ? given : JobJar.build(stack.projectHome(), stack.layout().logs().resolve("job-jar-build.log"),
        StackCli::progress);
  }
}
