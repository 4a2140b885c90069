package io.imagestore.cli.stack;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "down", mixinStandardHelpOptions = true,
    description = "Stop what 'up' started (by its recorded PIDs); data and logs stay in the data dir (Ceph's are removed).")
final class StackDownCommand implements Callable<Integer> {
  @ParentCommand
  StackCommand parent;

  @Override
  public Integer call() {
    StackCli.run(() -> {
      parent.stack().down(StackCli::progress);
      return null;
    });
    System.out.println("stack down");
    return 0;
  }
}
