package io.imagestore.cli.bench;

import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

/**
 * A measured stretch of a bench: photos, wall time and CPU time — of this process by default
 * (every thread of the JVM: clients, bridge, S3 server, broker, job, GC and JIT), of whatever a
 * given meter counts otherwise — and the figures made from them.
 */
record BenchSpan(long photos, long wallNanos, long cpuNanos) {

  /** Started by {@link #start()}, ended by {@link #stop(long)}. */
  static final class Clock {
    private final LongSupplier cpu;
    private final long wall0 = System.nanoTime();
    private final long cpu0;

    private Clock(LongSupplier cpu) {
      this.cpu = cpu;
      this.cpu0 = cpu.getAsLong();
    }

    BenchSpan stop(long photos) {
      return new BenchSpan(photos, System.nanoTime() - wall0, cpu.getAsLong() - cpu0);
    }
  }

  static Clock start() {
    return start(BenchSpan::processCpuNanos);
  }

  /** A span whose CPU is what {@code cpuNanos} counts. */
  static Clock start(LongSupplier cpuNanos) {
    return new Clock(cpuNanos);
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

  /** Share of the machine's cores kept busy by what the span's CPU counts. */
  double coresBusy(int cores) {
    return (double) cpuNanos / wallNanos / cores;
  }

  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
