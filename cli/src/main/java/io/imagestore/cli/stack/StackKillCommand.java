package io.imagestore.cli.stack;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "kill", mixinStandardHelpOptions = true,
    description = "kill -9 one of the stack's processes (e.g. taskmanager-1, jobmanager-1, kafka-2): a fault drill.")
final class StackKillCommand implements Callable<Integer> {
  @ParentCommand
  StackCommand parent;

  @Parameters(paramLabel = "PROCESS", description = "A name as 'status' lists it.")
  String process;

  @Override
  public Integer call() {
    long pid = StackCli.run(() -> parent.stack().processes().kill(process));
    System.out.println("killed " + process + " (pid " + pid + ", SIGKILL)");
    return 0;
  }
}
