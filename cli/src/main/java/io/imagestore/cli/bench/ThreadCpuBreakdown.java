package io.imagestore.cli.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Where a bench's CPU went inside the one JVM the embedded stack runs in: thread CPU time over a
 * span, grouped by what the threads' names say they do. Threads are sampled every 100 ms, so a
 * thread that ends within the span (a client pool, a transfer's worker) still counts up to its
 * last sample. The VM's own threads (GC, JIT) are not Java threads: they are the rest of the
 * process total.
 */
final class ThreadCpuBreakdown implements PipelineCpu {
  private static final long SAMPLE_MILLIS = 100;
  /** Groups in the order they are printed; the first that matches a thread name wins. */
  private static final Map<String, Predicate<String>> GROUPS = groups();

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final Map<Long, Long> atStart = new HashMap<>();
  private final Map<Long, Long> lastSeen = new ConcurrentHashMap<>();
  private final Map<Long, String> names = new ConcurrentHashMap<>();
  private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(
      r -> new Thread(r, "bench-cpu-sampler"));
  private final long processStart;

  private ThreadCpuBreakdown() {
    processStart = BenchSpan.processCpuNanos();
    for (long id : threads.getAllThreadIds()) {
      atStart.put(id, Math.max(0, threads.getThreadCpuTime(id)));
    }
    sample();
    sampler.scheduleAtFixedRate(this::sample, SAMPLE_MILLIS, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
  }

  static ThreadCpuBreakdown start() {
    return new ThreadCpuBreakdown();
  }

  private void sample() {
    for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info == null) {
        continue; // ended between the two calls
      }
      long cpu = threads.getThreadCpuTime(info.getThreadId());
      if (cpu >= 0) {
        lastSeen.put(info.getThreadId(), cpu);
        names.putIfAbsent(info.getThreadId(), info.getThreadName());
      }
    }
  }

  private static Map<String, Predicate<String>> groups() {
    Map<String, Predicate<String>> g = new LinkedHashMap<>();
    // Flink names task threads after their chained operators, e.g. "process-images -> … (1/2)#0".
    g.put("job: Flink tasks (read original, process, write renditions, sinks)", n -> n.matches(".*\\(\\d+/\\d+\\)#\\d+"));
    g.put("Kafka producers (bridge events, job sinks)", n -> n.startsWith("kafka-producer-network-thread"));
    g.put("S3 server (S3Proxy, Jetty)", n -> n.startsWith("qtp") || n.contains("S3Proxy"));
    g.put("Kafka broker", n -> n.startsWith("data-plane-kafka") || n.startsWith("kafka-") || n.contains("broker")
        || n.contains("quorum") || n.contains("Raft") || n.startsWith("ReplicaFetcher") || n.contains("controller")
        || n.startsWith("executor-"));
    // FtpServer runs commands, and with them the receive, hash and S3 upload, in MINA's executor
    // ("pool-N-thread-M"); MINA's own I/O threads are "NioProcessor-N".
    g.put("bridge (FTP commands: receive, hash, S3 upload)", n -> n.startsWith("pool-") || n.startsWith("Nio")
        || n.startsWith("bridge-"));
    g.put("bench FTP clients", n -> n.startsWith(PipelineUploads.THREAD_NAME));
    g.put("bench record reader", n -> n.startsWith("committed-record-clock"));
    return g;
  }

  @Override
  public long usedNanos() {
    return BenchSpan.processCpuNanos() - processStart;
  }

  @Override
  public String groupedBy() {
    return "thread group";
  }

  @Override
  public String counts() {
    return "the whole process — FTP clients, bridge, S3 server, broker and job";
  }

  /**
   * Per group, CPU milliseconds per photo since {@link #start()}; then the rest, and the busiest
   * threads no group names, so a new thread name shows up instead of hiding.
   */
  @Override
  public Map<String, Double> millisPerPhoto(long photos) {
    sample();
    sampler.shutdownNow();
    long processUsed = BenchSpan.processCpuNanos() - processStart;
    Map<String, Long> nanos = new LinkedHashMap<>();
    GROUPS.keySet().forEach(k -> nanos.put(k, 0L));
    Map<String, Long> unnamed = new HashMap<>();
    long threadsUsed = 0;
    for (var e : lastSeen.entrySet()) {
      long used = e.getValue() - atStart.getOrDefault(e.getKey(), 0L);
      String name = names.get(e.getKey());
      threadsUsed += used;
      String group = GROUPS.entrySet().stream().filter(g -> g.getValue().test(name))
          .map(Map.Entry::getKey).findFirst().orElse(null);
      if (group != null) {
        nanos.merge(group, used, Long::sum);
      } else {
        unnamed.merge(name.replaceAll("\\d+", "N"), used, Long::sum);
      }
    }
    long unnamedTotal = unnamed.values().stream().mapToLong(Long::longValue).sum();
    nanos.put("other Java threads (Flink runtime, timers …), busiest below", unnamedTotal);
    unnamed.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(4)
        .forEach(e -> nanos.put("    " + e.getKey(), e.getValue()));
    nanos.put("VM: GC, JIT (process CPU minus all Java threads)", processUsed - threadsUsed);
    Map<String, Double> result = new LinkedHashMap<>();
    nanos.forEach((k, v) -> result.put(k, v / 1e6 / photos));
    return result;
  }

  @Override
  public void close() {
    sampler.shutdownNow();
  }
}
