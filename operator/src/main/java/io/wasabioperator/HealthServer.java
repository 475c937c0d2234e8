package io.wasabioperator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.javaoperatorsdk.operator.RuntimeInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * Liveness and readiness for the kubelet, from java-operator-sdk's runtime state: live once the
 * operator has started, ready while every informer is healthy.
 */
final class HealthServer implements AutoCloseable {
  private final HttpServer server;

  HealthServer(int port, RuntimeInfo runtime) throws IOException {
    server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext("/healthz", exchange -> answer(exchange, runtime::isStarted));
    server.createContext("/readyz", exchange -> answer(exchange,
        () -> runtime.isStarted() && runtime.allEventSourcesAreHealthy()));
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  private static void answer(HttpExchange exchange, BooleanSupplier healthy) throws IOException {
    boolean ok = healthy.getAsBoolean();
    byte[] body = (ok ? "ok\n" : "not ready\n").getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(ok ? 200 : 503, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
