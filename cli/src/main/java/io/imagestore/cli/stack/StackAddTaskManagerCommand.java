package io.imagestore.cli.stack;

import io.imagestore.cluster.FlinkCluster;
import io.imagestore.cluster.Stack;
import io.imagestore.cluster.StackPorts;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "add-taskmanager", mixinStandardHelpOptions = true,
    description = "Start one more TaskManager (2 slots), e.g. to replace a lost one or to scale out.")
final class StackAddTaskManagerCommand implements Callable<Integer> {
  @ParentCommand
  StackCommand parent;

  @Override
  public Integer call() {
    Stack stack = parent.stack();
    for (int n = 1; n <= StackPorts.TASK_MANAGERS_MAX; n++) {
      String name = FlinkCluster.taskManager(n);
      if (!stack.processes().isRunning(name)) {
        int number = n;
        StackCli.run(() -> {
          stack.flink().startTaskManager(number);
          return null;
        });
        System.out.println("started " + name);
        return 0;
      }
    }
    System.err.println("imagestore: all " + StackPorts.TASK_MANAGERS_MAX + " TaskManager slots of this stack run");
    return 1;
  }
}
