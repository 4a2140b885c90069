package io.imagestore.bridge.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.imagestore.bridge.health.HealthReport;
import io.imagestore.bridge.health.ReadinessChecks;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * On the JDK's HTTP server: {@code GET /metrics} in Prometheus text format; {@code GET /health}
 * (liveness: the FTP listener accepts — the container healthcheck, never failed by a dependency's
 * outage, so an orchestrator does not restart a bridge for Kafka's sake) and {@code GET /ready}
 * (FTP, object store and Kafka reachable: take the bridge out of the load balancer meanwhile),
 * each 200 or 503 with a JSON body naming every check. Two threads: a readiness probe waiting on
 * a dead dependency must not hold up a scrape.
 */
public final class MetricsHttpServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;

  public MetricsHttpServer(String host, int port, BridgeMetrics metrics, ReadinessChecks health) throws IOException {
    server = HttpServer.create(new InetSocketAddress(host, port), 0);
    executor = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "bridge-metrics-http");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/metrics", exchange -> serve(exchange,
        () -> new Response(200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape())));
    server.createContext("/health", exchange -> serve(exchange, () -> json(HealthReport.of(health.liveness()))));
    server.createContext("/ready", exchange -> serve(exchange, () -> json(HealthReport.of(health.readiness()))));
    server.start();
  }

  private static Response json(HealthReport report) {
    return new Response(report.httpStatus(), "application/json", report.json());
  }

  private static void serve(HttpExchange exchange, Supplier<Response> response) throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      Response r = response.get();
      byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", r.contentType());
      exchange.sendResponseHeaders(r.status(), body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private record Response(int status, String contentType, String body) {}

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
