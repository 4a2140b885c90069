package io.imagestore.stack;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/** Prints every endpoint and credential of a running stack, as the user needs them. */
public final class StackBanner {
  private StackBanner() {}

  public static void print(PrintStream out, Map<String, String> env, Path envFile) {
    out.println();
    out.println("imagestore stack is up — endpoints and credentials:");
    int width = env.keySet().stream().mapToInt(String::length).max().orElse(0);
    env.forEach((k, v) -> out.printf("  %-" + width + "s  %s%n", k, v));
    out.println("  (also in " + envFile + "; load it with: set -a; . " + envFile + "; set +a)");
    out.println();
  }
}
