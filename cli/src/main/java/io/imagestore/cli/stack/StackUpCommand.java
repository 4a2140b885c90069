package io.imagestore.cli.stack;

import io.imagestore.cluster.Stack;
import io.imagestore.cluster.StackPorts;
import io.imagestore.cluster.StackState;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "up", mixinStandardHelpOptions = true,
    description = "Start every component and wait until each is ready; the endpoints go to <data-dir>/stack.env.")
final class StackUpCommand implements Callable<Integer> {
  @ParentCommand
  StackCommand parent;

  @Option(names = "--object-store", description = "ceph or s3proxy (default: ceph where its packages are installed, "
      + "else s3proxy).")
  String objectStore;

  @Option(names = "--base-port", description = "First of the stack's 100 ports on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
  int basePort = StackPorts.DEFAULT_BASE;

  @Override
  public Integer call() {
    Stack.ObjectStoreKind kind = objectStore == null ? Stack.defaultObjectStore()
        : Stack.ObjectStoreKind.valueOf(objectStore.toUpperCase(java.util.Locale.ROOT));
    Stack stack = parent.stack();
    long t0 = System.nanoTime();
    StackState state = StackCli.run(() -> stack.up(kind, basePort, StackCli::progress));
    System.out.printf("%nstack up in %.0f s. Upload with:%n  curl -T photo.jpg ftp://127.0.0.1:%d/ --user %s:%s%n"
            + "endpoints: %s   logs: %s%nnext: bin/imagestore stack submit%n",
        (System.nanoTime() - t0) / 1e9, state.ports().ftp(), state.ftpUser(), state.ftpPassword(),
        stack.layout().envFile(), stack.layout().logs());
    return 0;
  }
}
