package dev.tollgate.port.out.contract;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted data plane on loopback, built on the JDK's own HTTP server (the ports module may not
 * depend on the adapters' HTTP kit): it records each request, then plays one {@link Reply}: a
 * whole body, an event stream flushed event by event, a stream cut off mid-way, a head that comes
 * late or never. Every wait is bounded; closing it interrupts whatever a reply is still doing.
 */
public final class ScriptedUpstream implements AutoCloseable {

  /** Answers one exchange; the request has been read and recorded already. */
  @FunctionalInterface
  public interface Reply {
    void send(HttpExchange exchange) throws IOException, InterruptedException;
  }

  /** One request as it arrived; header names lower case. */
  public record Seen(String method, String path, Map<String, List<String>> headers, byte[] body) {

    public Optional<String> header(String name) {
      List<String> values = headers.get(name);
      return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
  }

  /** Thrown by a reply to make the server drop the connection without finishing the body. */
  static final class Cut extends RuntimeException {
    Cut() {
      super("scripted cut", null, false, false);
    }
  }

  /** The longest any reply holds back its head: far beyond every timeout the contract uses. */
  static final Duration NEVER = Duration.ofSeconds(30);

  private static final int MAX_RECORDED = 64;
  private static final int MAX_REQUEST_BYTES = 1024 * 1024;
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(8);
  private final BlockingQueue<Seen> seen = new ArrayBlockingQueue<>(MAX_RECORDED);

  private ScriptedUpstream(Reply reply) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.setExecutor(executor);
    server.createContext("/", exchange -> {
      seen.offer(record(exchange));
      try {
        reply.send(exchange);
        exchange.close();
      } catch (InterruptedException stopped) {
        Thread.currentThread().interrupt();
        throw new Cut();
      }
    });
    server.start();
  }

  public static ScriptedUpstream start(Reply reply) {
    try {
      return new ScriptedUpstream(reply);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public URI base() {
    InetSocketAddress address = server.getAddress();
    return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
  }

  /** The next recorded request, waiting up to ten seconds for it. */
  public Seen takeRequest() throws InterruptedException {
    Seen next = seen.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    if (next == null) {
      throw new AssertionError("no request reached the scripted upstream within " + WAIT);
    }
    return next;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** A whole response with a fixed length. */
  public static Reply body(int status, String contentType, String body, Map<String, String> headers) {
    return exchange -> {
      byte[] bytes = body.getBytes(UTF_8);
      exchange.getResponseHeaders().set("Content-Type", contentType);
      headers.forEach(exchange.getResponseHeaders()::set);
      exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    };
  }

  public static Reply json(String body) {
    return body(200, "application/json", body, Map.of());
  }

  /** A 200 event stream, chunked, each event flushed on its own as a data plane relays it. */
  public static Reply stream(String events) {
    return exchange -> {
      OutputStream out = startStream(exchange);
      writeEvents(out, events);
      out.close();
    };
  }

  /** A 200 event stream that breaks off after {@code events}: the connection is dropped. */
  public static Reply cutAfter(String events) {
    return exchange -> {
      writeEvents(startStream(exchange), events);
      throw new Cut();
    };
  }

  /** Holds the head back for {@code delay} (bounded by {@link #NEVER}), then replies. */
  public static Reply after(Duration delay, Reply then) {
    return exchange -> {
      Thread.sleep(Math.min(delay.toMillis(), NEVER.toMillis()));
      then.send(exchange);
    };
  }

  /** The replies in order, one per request; once they run out, the last one again. */
  public static Reply sequence(Reply... replies) {
    AtomicInteger next = new AtomicInteger();
    return exchange -> replies[Math.min(next.getAndIncrement(), replies.length - 1)].send(exchange);
  }

  /** A TCP port on loopback that nothing listens on. */
  public static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static OutputStream startStream(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    exchange.sendResponseHeaders(200, 0);
    return exchange.getResponseBody();
  }

  private static void writeEvents(OutputStream out, String events) throws IOException {
    String[] parts = events.split("(?<=\n\n)");
    for (String part : parts) {
      out.write(part.getBytes(UTF_8));
      out.flush();
    }
  }

  private static Seen record(HttpExchange exchange) throws IOException {
    Map<String, List<String>> headers = new TreeMap<>();
    exchange.getRequestHeaders().forEach((name, values) ->
        headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
    byte[] body = exchange.getRequestBody().readNBytes(MAX_REQUEST_BYTES);
    return new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
        Map.copyOf(headers), body);
  }
}
