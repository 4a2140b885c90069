package io.imagestore.cli.stack;

import io.imagestore.cluster.Stack;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "upgrade", mixinStandardHelpOptions = true,
    description = "Stop the job with a savepoint, then submit the newly built jar (and/or changed config) from it.")
final class StackUpgradeCommand implements Callable<Integer> {
  @ParentCommand
  StackCommand parent;

  @Option(names = "--jar", description = "The new job jar (default: build flink-job with -Pjob-jar).")
  Path jar;

  @Option(names = "--config", description = "The job's YAML (default: docker/config/job.yaml, with the stack's endpoints).")
  Path config;

  @Option(names = "--set", description = "key=value over the job's YAML (repeatable).")
  List<String> overrides = new ArrayList<>();

  @Override
  public Integer call() {
    Stack stack = parent.stack();
    // Built before the old job stops: a build failure leaves the running job alone.
    Path newJar = StackSubmitCommand.jar(stack, jar);
    String jobId = StackCli.run(() -> stack.jobs().upgrade(newJar, config == null ? stack.jobs().defaultConfig() : config,
        overrides, StackCli::progress));
    System.out.println("job " + jobId + " running from " + stack.state().lastSavepoint());
    return 0;
  }
}
