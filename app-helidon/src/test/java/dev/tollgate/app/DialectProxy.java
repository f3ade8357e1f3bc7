package dev.tollgate.app;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tollgate.adapter.simulated.Simulator;
import dev.tollgate.adapter.simulated.SimulatorSettings;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.port.out.Endpoint;
import dev.tollgate.port.out.contract.UsageShape;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A stand-in data plane on loopback that speaks one data plane's recorded dialect: it forwards each
 * request to a real {@link Simulator} and passes the answer back as it comes, with every usage
 * object re-rendered in that data plane's {@link UsageShape} for the endpoint (agentgateway's cache-
 * exclusive Anthropic translation, Envoy's cache-inclusive one, ...). So the same client request
 * is the same economic event whichever data plane Tollgate is configured with; {@code economics}
 * may turn it into a richer one (cache reads and writes) for both dialects alike.
 */
final class DialectProxy implements AutoCloseable {

  private static final int MAX_BODY_BYTES = 1024 * 1024;
  private static final int MAX_STREAM_LINES = 100_000;
  private static final int MAX_SEEN = 256;

  private final Map<Endpoint, UsageShape> shapes;
  private final UnaryOperator<TokenUsage> economics;
  private final Simulator simulator = Simulator.start(SimulatorSettings.defaults());
  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
  private final ObjectMapper mapper = new ObjectMapper();
  private final ExecutorService executor = Executors.newFixedThreadPool(8);
  private final List<Headers> seen = new CopyOnWriteArrayList<>();
  private final HttpServer server;

  DialectProxy(Map<Endpoint, UsageShape> shapes, UnaryOperator<TokenUsage> economics) {
    this.shapes = Map.copyOf(shapes);
    this.economics = economics;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    } catch (IOException e) {
      simulator.close();
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor);
    server.createContext("/", exchange -> {
      try (exchange) {
        relay(exchange);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    server.start();
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Request headers of every request so far, in arrival order. */
  List<Headers> seen() {
    return List.copyOf(seen);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    client.shutdownNow();
    simulator.close();
  }

  private void relay(HttpExchange exchange) throws IOException, InterruptedException {
    if (seen.size() < MAX_SEEN) {
      seen.add(exchange.getRequestHeaders());
    }
    String path = exchange.getRequestURI().getPath();
    Endpoint endpoint = Stream.of(Endpoint.values()).filter(e -> e.path().equals(path))
        .findFirst().orElseThrow();
    byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY_BYTES);
    HttpResponse<InputStream> answer = client.send(
        HttpRequest.newBuilder(simulator.baseUri().resolve(path)).timeout(Duration.ofSeconds(30))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    String type = answer.headers().firstValue("content-type").orElse("application/json");
    exchange.getResponseHeaders().set("Content-Type", type);
    try (InputStream in = answer.body()) {
      if (type.startsWith("text/event-stream")) {
        exchange.sendResponseHeaders(answer.statusCode(), 0);
        relayEvents(in, exchange.getResponseBody(), shapes.get(endpoint));
      } else {
        byte[] out = rewrite(in.readNBytes(MAX_BODY_BYTES), shapes.get(endpoint));
        exchange.sendResponseHeaders(answer.statusCode(), out.length);
        exchange.getResponseBody().write(out);
      }
    }
  }

  private void relayEvents(InputStream in, OutputStream out, UsageShape shape) throws IOException {
    BufferedReader lines = new BufferedReader(new InputStreamReader(in, UTF_8));
    String line;
    for (int n = 0; n < MAX_STREAM_LINES && (line = lines.readLine()) != null; n++) {
      String relayed = line.startsWith("data: {")
          ? "data: " + new String(rewrite(line.substring(6).getBytes(UTF_8), shape), UTF_8)
          : line;
      out.write((relayed + "\n").getBytes(UTF_8));
      if (line.isEmpty()) {
        out.flush();
      }
    }
  }

  /** The document with its usage (top level, or under {@code response}) in the dialect's shape. */
  private byte[] rewrite(byte[] json, UsageShape shape) throws IOException {
    JsonNode root = mapper.readTree(json);
    if (!(root instanceof ObjectNode object)) {
      return json;
    }
    ObjectNode holder = root.path("response") instanceof ObjectNode response ? response : object;
    JsonNode usage = holder.path("usage");
    if (!usage.isObject()) {
      return json;
    }
    TokenUsage event = economics.apply(TokenUsage.of(
        count(usage, "prompt_tokens", "input_tokens"),
        count(usage, "completion_tokens", "output_tokens")));
    holder.set("usage", mapper.readTree(shape.usageJson(event)));
    return mapper.writeValueAsBytes(root);
  }

  /** A count by either of its names; a usage of a total alone (vLLM's rerank) is all input. */
  private static long count(JsonNode usage, String name, String otherName) {
    if (!usage.has(name) && !usage.has(otherName) && name.equals("prompt_tokens")
        && !usage.has("completion_tokens") && !usage.has("output_tokens")) {
      return usage.path("total_tokens").asLong();
    }
    return usage.has(name) ? usage.path(name).asLong() : usage.path(otherName).asLong();
  }
}
