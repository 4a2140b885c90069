package io.imagestore.bridge.metrics;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** {@code GET /metrics} in Prometheus text format, on the JDK's HTTP server (one thread is plenty). */
public final class MetricsHttpServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;

  public MetricsHttpServer(String host, int port, BridgeMetrics metrics) throws IOException {
    server = HttpServer.create(new InetSocketAddress(host, port), 0);
    executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "bridge-metrics-http");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/metrics", exchange -> {
      try (exchange) {
        if (!"GET".equals(exchange.getRequestMethod())) {
          exchange.sendResponseHeaders(405, -1);
          return;
        }
        byte[] body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    });
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
