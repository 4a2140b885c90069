package io.imagestore.bridge.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of named checks, as served on {@code /health} and {@code /ready}:
 * {@code {"status":"up","checks":{"ftp":{"status":"up"},"kafka":{"status":"down","error":"…"}}}}.
 */
public final class HealthReport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> problems;

  private HealthReport(Map<String, String> problems) {
    this.problems = problems;
  }

  /** Runs every check in order; a check that throws counts as down with its exception. */
  public static HealthReport of(Map<String, HealthCheck> checks) {
    Map<String, String> problems = new LinkedHashMap<>();
    checks.forEach((name, check) -> {
      String problem;
      try {
        problem = check.problem();
      } catch (RuntimeException e) {
        problem = e.toString();
      }
      problems.put(name, problem);
    });
    return new HealthReport(problems);
  }

  public boolean up() {
    return problems.values().stream().allMatch(p -> p == null);
  }

  /** 200 when every check is up, else 503 (what load balancers and Kubernetes probes expect). */
  public int httpStatus() {
    return up() ? 200 : 503;
  }

  public String json() {
    ObjectNode root = JSON.createObjectNode();
    root.put("status", up() ? "up" : "down");
    ObjectNode checks = root.putObject("checks");
    problems.forEach((name, problem) -> {
      ObjectNode check = checks.putObject(name);
      check.put("status", problem == null ? "up" : "down");
      if (problem != null) {
        check.put("error", problem);
      }
    });
    return root.toString();
  }
}
