package io.imagestore.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every port of the stack, at fixed offsets from one base port on 127.0.0.1, so a stack's
 * addresses are predictable (and two stacks on one machine differ by their base only).
 */
public record StackPorts(int base) {
  public static final int DEFAULT_BASE = 19100;
  public static final int SPAN = 100;
  public static final int KAFKA_BROKERS = 3;
  public static final int JOB_MANAGERS = 2;
  public static final int TASK_MANAGERS_MAX = 8;
  public static final int PASSIVE_PORTS = 32;

  public StackPorts {
    if (base < 1024 || base + SPAN > 65535) {
      throw new IllegalArgumentException("base port must leave room for " + SPAN + " ports in 1024-65535, got " + base);
    }
  }

  /** @param broker 1-based */
  public int kafka(int broker) {
    return base + broker - 1;
  }

  public int kafkaController(int broker) {
    return base + 10 + broker - 1;
  }

  public int zookeeper() {
    return base + 20;
  }

  /** @param jobManager 1-based */
  public int jobManagerRest(int jobManager) {
    return base + 30 + jobManager - 1;
  }

  public int jobManagerRpc(int jobManager) {
    return base + 34 + jobManager - 1;
  }

  public int blobServer(int jobManager) {
    return base + 38 + jobManager - 1;
  }

  /** @param taskManager 1-based */
  public int taskManagerRpc(int taskManager) {
    return base + 40 + taskManager - 1;
  }

  public int taskManagerData(int taskManager) {
    return base + 50 + taskManager - 1;
  }

  public int s3() {
    return base + 60;
  }

  public int ftp() {
    return base + 61;
  }

  public int bridgeMetrics() {
    return base + 62;
  }

  public int passiveFirst() {
    return base + 64;
  }

  public int passiveLast() {
    return passiveFirst() + PASSIVE_PORTS - 1;
  }

  /** Named ports that must be free before {@code up}; Ceph's RGW port is the object store's. */
  public Map<String, Integer> all() {
    Map<String, Integer> ports = new LinkedHashMap<>();
    for (int b = 1; b <= KAFKA_BROKERS; b++) {
      ports.put("kafka-" + b, kafka(b));
      ports.put("kafka-" + b + " controller", kafkaController(b));
    }
    ports.put("zookeeper", zookeeper());
    for (int j = 1; j <= JOB_MANAGERS; j++) {
      ports.put("jobmanager-" + j + " rest", jobManagerRest(j));
      ports.put("jobmanager-" + j + " rpc", jobManagerRpc(j));
      ports.put("jobmanager-" + j + " blob", blobServer(j));
    }
    ports.put("s3", s3());
    ports.put("ftp", ftp());
    ports.put("bridge metrics", bridgeMetrics());
    return ports;
  }

  /** The ports of {@link #all()} that something already listens on (or that cannot be bound). */
  public List<String> taken() {
    List<String> taken = new ArrayList<>();
    all().forEach((name, port) -> {
      if (!isFree(port)) {
        taken.add(name + " " + port);
      }
    });
    return taken;
  }

  public static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  public static boolean accepts(int port) {
    try (java.net.Socket socket = new java.net.Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
