package io.imagestore.cli.bench;

import java.lang.management.ManagementFactory;

/**
 * A measured stretch of a bench: photos, wall time and process CPU time (every thread of the JVM:
 * clients, bridge, S3 server, broker, job, GC and JIT), and the figures made from them.
 */
record BenchSpan(long photos, long wallNanos, long cpuNanos) {

  /** Started by {@link #start()}, ended by {@link #stop(long)}. */
  static final class Clock {
    private final long wall0 = System.nanoTime();
    private final long cpu0 = processCpuNanos();

    BenchSpan stop(long photos) {
      return new BenchSpan(photos, System.nanoTime() - wall0, processCpuNanos() - cpu0);
    }
  }

  static Clock start() {
    return new Clock();
  }

  BenchSpan plus(BenchSpan other) {
    return new BenchSpan(photos + other.photos, wallNanos + other.wallNanos, cpuNanos + other.cpuNanos);
  }

  double photosPerSecond() {
    return photos / (wallNanos / 1e9);
  }

  double cpuMillisPerPhoto() {
    return cpuNanos / 1e6 / photos;
  }

  /** Share of the machine's cores this process kept busy. */
  double coresBusy(int cores) {
    return (double) cpuNanos / wallNanos / cores;
  }

  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
