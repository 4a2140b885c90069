package io.imagestore.cli.stack;

import io.imagestore.cluster.Stack;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "savepoint", mixinStandardHelpOptions = true,
    description = "Take a canonical savepoint of the running job (it keeps running); prints its location.")
final class StackSavepointCommand implements Callable<Integer> {
  @ParentCommand
  StackCommand parent;

  @Override
  public Integer call() {
    Stack stack = parent.stack();
    String location = StackCli.run(() -> stack.jobs().savepoint(stack.jobs().currentJob(), StackCli::progress));
    System.out.println(location);
    return 0;
  }
}
