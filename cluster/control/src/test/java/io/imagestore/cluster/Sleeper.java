package io.imagestore.cluster;

/** A process for the tests to start, find and kill: sleeps until it is stopped. */
public final class Sleeper {
  private Sleeper() {}

  public static void main(String[] args) throws InterruptedException {
    Thread.sleep(120_000);
  }
}
