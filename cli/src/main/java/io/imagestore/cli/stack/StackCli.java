package io.imagestore.cli.stack;

import io.imagestore.cluster.StackException;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;

/** Progress lines and errors of the stack commands, as the user reads them. */
final class StackCli {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private StackCli() {}

  static void progress(String line) {
    System.out.println(LocalTime.now().format(TIME) + "  " + line);
  }

  /**
   * Runs a stack operation; a failure surfaces as a {@link StackException}, which the CLI prints
   * as one line (what failed, where to look) with exit status 1 instead of a stack trace.
   */
  static <T> T run(Callable<T> operation) {
    try {
      return operation.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new StackException(e.getMessage(), e);
    }
  }
}
