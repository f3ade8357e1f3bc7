package dev.tollgate.dataplane.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.out.Endpoint;
import dev.tollgate.port.out.UpstreamRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on the loopback interface (the JDK's own), for tests of HTTP data planes: it
 * records every request, then lets the test's handler answer it however it likes (slowly, in
 * chunks, with any status).
 */
public final class LoopbackServer implements AutoCloseable {

  /** Answers one exchange; the request body has already been read and recorded. */
  @FunctionalInterface
  public interface Handler {
    void handle(HttpExchange exchange) throws Exception;
  }

  /** One request as the server saw it; header names lower case. */
  public record Recorded(String method, String path, Map<String, List<String>> headers, byte[] body) {

    public Optional<String> header(String name) {
      List<String> values = headers.get(name);
      return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
  }

  private static final int MAX_RECORDED = 64;
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(8);
  private final BlockingQueue<Recorded> requests = new ArrayBlockingQueue<>(MAX_RECORDED);

  private LoopbackServer(Handler handler) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.setExecutor(executor);
    server.createContext("/", exchange -> {
      try (exchange) {
        requests.offer(record(exchange));
        handler.handle(exchange);
      } catch (Exception e) {
        // The client sees a reset; the test's own assertion says what went wrong.
      }
    });
    server.start();
  }

  public static LoopbackServer start(Handler handler) {
    try {
      return new LoopbackServer(handler);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public URI base() {
    InetSocketAddress address = server.getAddress();
    InetAddress ip = address.getAddress();
    String host = ip instanceof Inet6Address ? "[" + ip.getHostAddress() + "]" : ip.getHostAddress();
    return URI.create("http://" + host + ":" + address.getPort());
  }

  /** The next recorded request, waiting up to ten seconds for it. */
  public Recorded takeRequest() throws InterruptedException {
    Recorded recorded = requests.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    if (recorded == null) {
      throw new AssertionError("no request reached the server within " + WAIT);
    }
    return recorded;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** Sends a whole response: status, content type, extra headers, body. */
  public static void respond(
      HttpExchange exchange, int status, String contentType, String body, Map<String, String> headers)
      throws IOException {
    byte[] bytes = body.getBytes(UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    headers.forEach(exchange.getResponseHeaders()::set);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** A request for tests: stream or not, with optional routing facts and a head timeout. */
  public static UpstreamRequest request(
      Endpoint endpoint, String body, boolean stream, Optional<String> objective,
      Optional<String> fairnessId, Duration timeout) {
    return new UpstreamRequest(endpoint, body.getBytes(UTF_8), stream, RequestId.of("req-42"),
        ModelName.of("test-model"), TenantId.of("tenant-a"), objective, fairnessId, timeout);
  }

  private static Recorded record(HttpExchange exchange) throws IOException {
    Map<String, List<String>> headers = new TreeMap<>();
    exchange.getRequestHeaders().forEach((name, values) ->
        headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
    byte[] body = exchange.getRequestBody().readNBytes(1024 * 1024);
    return new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
        Map.copyOf(headers), body);
  }
}
