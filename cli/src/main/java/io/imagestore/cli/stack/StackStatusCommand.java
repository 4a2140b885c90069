package io.imagestore.cli.stack;

import io.imagestore.cluster.Stack;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Each process (PID or DOWN) and address, then the job's state; exit 1 if anything is down.")
final class StackStatusCommand implements Callable<Integer> {
  @ParentCommand
  StackCommand parent;

  @Override
  public Integer call() {
    Stack stack = parent.stack();
    java.util.List<String> lines = StackCli.run(stack::status);
    lines.forEach(System.out::println);
    boolean down = lines.stream().anyMatch(l -> l.contains(" DOWN "));
    String jobId = stack.state().jobId();
    if (jobId != null) {
      try {
        System.out.println("job            " + stack.jobs().jobState(jobId) + "  " + jobId);
      } catch (Exception e) {
        System.out.println("job            unknown  " + jobId + " (" + e.getMessage() + ")");
        down = true;
      }
    }
    return down ? 1 : 0;
  }
}
