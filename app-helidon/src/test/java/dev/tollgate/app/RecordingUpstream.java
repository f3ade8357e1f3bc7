package dev.tollgate.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tollgate.adapter.simulated.Simulator;
import dev.tollgate.adapter.simulated.SimulatorSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A data plane on loopback that records every exchange byte for byte, request and answer, and
 * gets its answers from a real {@link Simulator}: what Tollgate sent the data plane and what the
 * data plane answered can both be compared with what the client sent and got.
 */
final class RecordingUpstream implements AutoCloseable {

  /**
   * One exchange: the request as it arrived (header names lower case) and the answer's bytes,
   * recorded before the request is forwarded and each answer byte copied before it is sent, so a
   * client that has its answer always finds the exchange complete here.
   */
  record Exchange(String path, Map<String, List<String>> headers, byte[] body,
      ByteArrayOutputStream answerBytes) {
    String header(String name) {
      List<String> values = headers.get(name);
      return values == null ? null : String.join(",", values);
    }

    byte[] answer() {
      synchronized (answerBytes) {
        return answerBytes.toByteArray();
      }
    }
  }

  private static final int MAX_EXCHANGES = 256;

  private final Simulator simulator = Simulator.start(SimulatorSettings.defaults());
  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
  private final HttpServer server;

  RecordingUpstream() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor);
    server.createContext("/", this::forward);
    server.start();
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  List<Exchange> exchanges() {
    return List.copyOf(exchanges);
  }

  private void forward(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      Map<String, List<String>> headers = new TreeMap<>();
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
      ByteArrayOutputStream copy = new ByteArrayOutputStream();
      if (exchanges.size() < MAX_EXCHANGES) {
        exchanges.add(new Exchange(exchange.getRequestURI().getPath(), headers, body, copy));
      }
      HttpRequest request = HttpRequest.newBuilder(
              simulator.baseUri().resolve(exchange.getRequestURI().getPath().substring(1)))
          .header("content-type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
      HttpResponse<InputStream> answer =
          client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      answer.headers().firstValue("content-type")
          .ifPresent(v -> exchange.getResponseHeaders().add("content-type", v));
      exchange.sendResponseHeaders(answer.statusCode(), 0);
      try (InputStream in = answer.body(); OutputStream out = exchange.getResponseBody()) {
        byte[] buf = new byte[8192];
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
          synchronized (copy) {
            copy.write(buf, 0, n);
          }
          out.write(buf, 0, n);
          out.flush();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    simulator.close();
  }
}
