package io.imagestore.cli.bench;

import io.imagestore.cluster.Stack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a bench's CPU went on the standalone stack: each of its processes (the ones it recorded,
 * and the Ceph daemons of its data dir), this bench's own JVM (the FTP clients and the record
 * reader), and the rest of the machine from {@code /proc/stat}, which says whether the machine
 * was otherwise idle. Processes are sampled every second, so one that dies within the span (a
 * killed TaskManager) still counts up to its last sample.
 */
final class StackProcessCpu implements PipelineCpu {
  static final String BENCH = "this bench (FTP clients, record reader)";
  static final String ELSEWHERE = "other processes on this machine (/proc/stat)";
  private static final long SAMPLE_MILLIS = 1_000;
  private static final List<String> CEPH_DAEMONS = List.of("ceph-osd", "ceph-mon", "ceph-mgr", "radosgw");
  /** USER_HZ: the unit of /proc/stat, 100 on every Linux architecture the JDK runs on. */
  private static final long NANOS_PER_TICK = 10_000_000L;

  private final Stack stack;
  private final String cephDataDir;
  /** pid → its group, and its CPU at the start and at the last sample. */
  private final Map<Long, String> groups = new ConcurrentHashMap<>();
  private final Map<Long, Long> atStart = new ConcurrentHashMap<>();
  private final Map<Long, Long> lastSeen = new ConcurrentHashMap<>();
  private final long machineStart;
  private boolean firstSampleDone;
  private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "bench-cpu-sampler");
    t.setDaemon(true);
    return t;
  });

  StackProcessCpu(Stack stack) {
    this.stack = stack;
    this.cephDataDir = stack.layout().data("ceph").toString();
    machineStart = machineBusyNanos().orElse(0L);
    sample();
    firstSampleDone = true;
    sampler.scheduleAtFixedRate(this::sample, SAMPLE_MILLIS, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
  }

  private synchronized void sample() {
    for (String name : stack.processes().recorded()) {
      stack.processes().find(name).ifPresent(p -> note(p, groupOf(name)));
    }
    ProcessHandle.allProcesses().forEach(p -> cephDaemon(p).ifPresent(daemon -> note(p, daemon)));
    note(ProcessHandle.current(), BENCH);
  }

  private void note(ProcessHandle process, String group) {
    Optional<Duration> cpu = process.info().totalCpuDuration();
    if (cpu.isEmpty()) {
      return;
    }
    long nanos = cpu.get().toNanos();
    groups.putIfAbsent(process.pid(), group);
    // A process first seen after the start (a replaced TaskManager) counts from zero.
    atStart.putIfAbsent(process.pid(), firstSampleDone ? 0L : nanos);
    lastSeen.put(process.pid(), nanos);
  }

  /** Numbered processes of a kind together: kafka-1..3 as "kafka", taskmanager-N as "taskmanager". */
  private static String groupOf(String recordedName) {
    return recordedName.replaceFirst("-\\d+$", "");
  }

  private Optional<String> cephDaemon(ProcessHandle p) {
    ProcessHandle.Info info = p.info();
    String command = info.command().orElse("");
    String name = command.substring(command.lastIndexOf('/') + 1);
    if (!CEPH_DAEMONS.contains(name)) {
      return Optional.empty();
    }
    boolean ours = info.arguments().map(args -> String.join(" ", args).contains(cephDataDir)).orElse(false);
    return ours ? Optional.of(name) : Optional.empty();
  }

  @Override
  public synchronized long usedNanos() {
    sample();
    long used = 0;
    for (var e : lastSeen.entrySet()) {
      used += e.getValue() - atStart.getOrDefault(e.getKey(), 0L);
    }
    return used;
  }

  @Override
  public synchronized Map<String, Double> millisPerPhoto(long photos) {
    long used = usedNanos();
    sampler.shutdownNow();
    Map<String, Long> nanos = new LinkedHashMap<>();
    Map<String, Integer> processes = new LinkedHashMap<>();
    lastSeen.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      String group = groups.get(e.getKey());
      nanos.merge(group, e.getValue() - atStart.getOrDefault(e.getKey(), 0L), Long::sum);
      processes.merge(group, 1, Integer::sum);
    });
    Map<String, Double> result = new LinkedHashMap<>();
    nanos.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).forEach(e -> {
      int n = processes.get(e.getKey());
      result.put(n > 1 ? e.getKey() + " (" + n + " processes)" : e.getKey(), e.getValue() / 1e6 / photos);
    });
    machineBusyNanos().ifPresent(busy -> result.put(ELSEWHERE, Math.max(0, busy - machineStart - used) / 1e6 / photos));
    return result;
  }

  @Override
  public String groupedBy() {
    return "process";
  }

  @Override
  public String counts() {
    return "every process of the stack — TaskManagers, JobManagers, brokers, ZooKeeper, object store, bridge — "
        + "and this bench's FTP clients";
  }

  private static final Pattern CPU_LINE = Pattern.compile(
      "^cpu\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+\\d+\\s+\\d+\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)");

  /** user + nice + system + irq + softirq + steal of all cores, from /proc/stat. */
  static Optional<Long> machineBusyNanos() {
    try {
      Matcher m = CPU_LINE.matcher(Files.readAllLines(Path.of("/proc/stat")).get(0));
      if (!m.find()) {
        return Optional.empty();
      }
      long ticks = 0;
      for (int g = 1; g <= 6; g++) {
        ticks += Long.parseLong(m.group(g));
      }
      return Optional.of(ticks * NANOS_PER_TICK);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    sampler.shutdownNow();
  }
}
