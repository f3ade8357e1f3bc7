package dev.tollgate.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A load balancer on loopback in front of several Tollgate replicas, doing what nginx's
 * {@code proxy_pass} to an upstream group does by default: each request goes to the next backend
 * in turn; a backend that refuses the connection (stopped, restarting) is skipped for the next
 * one, but a request already sent is never retried elsewhere (it is not idempotent), so a backend
 * that dies with it in flight makes it a 502 marked {@code x-balancer-failure: upstream}: nobody
 * knows whether it was served.
 */
final class RoundRobinBalancer implements AutoCloseable {

  static final String FAILURE_HEADER = "x-balancer-failure";
  private static final int MAX_BODY_BYTES = 1024 * 1024;
  private static final Set<String> NOT_FORWARDED =
      Set.of("connection", "content-length", "expect", "host", "upgrade", "transfer-encoding", "keep-alive");

  private final List<URI> backends;
  private final AtomicLong next = new AtomicLong();
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();
  private final HttpServer server;

  RoundRobinBalancer(List<URI> backends) throws IOException {
    this.backends = List.copyOf(backends);
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = readBounded(exchange.getRequestBody());
      long first = next.getAndIncrement();
      for (int i = 0; i < backends.size(); i++) {
        URI backend = backends.get((int) ((first + i) % backends.size()));
        try {
          relay(exchange, client.send(request(exchange, backend, body), HttpResponse.BodyHandlers.ofByteArray()));
          return;
        } catch (ConnectException | HttpConnectTimeoutException e) {
          // not sent: the next backend may take it
        } catch (IOException e) {
          fail(exchange, "upstream");
          return;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          fail(exchange, "interrupted");
          return;
        }
      }
      fail(exchange, "no-backend");
    }
  }

  private static HttpRequest request(HttpExchange exchange, URI backend, byte[] body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(backend.resolve(exchange.getRequestURI().toString()))
        .timeout(Duration.ofSeconds(30))
        .method(exchange.getRequestMethod(), body.length == 0
            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    exchange.getRequestHeaders().forEach((name, values) -> {
      if (!NOT_FORWARDED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
        values.forEach(v -> b.header(name, v));
      }
    });
    return b.build();
  }

  private static void relay(HttpExchange exchange, HttpResponse<byte[]> response) throws IOException {
    response.headers().map().forEach((name, values) -> {
      if (!NOT_FORWARDED.contains(name.toLowerCase(java.util.Locale.ROOT)) && !name.startsWith(":")) {
        exchange.getResponseHeaders().put(name, values);
      }
    });
    byte[] body = response.body();
    exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static void fail(HttpExchange exchange, String why) throws IOException {
    exchange.getResponseHeaders().set(FAILURE_HEADER, why);
    exchange.sendResponseHeaders(502, -1);
  }

  private static byte[] readBounded(InputStream in) throws IOException {
    byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
    if (body.length > MAX_BODY_BYTES) {
      throw new IOException("request body over " + MAX_BODY_BYTES + " bytes");
    }
    return body;
  }

  @Override
  public void close() {
    server.stop(0);
    client.close();
    executor.shutdownNow();
  }
}
