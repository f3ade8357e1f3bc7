package dev.tollgate.app;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A data plane's metrics endpoint on loopback (the JDK's HTTP server): answers Prometheus text
 * exposition of the GenAI token-usage histogram as agentgateway exposes it
 * ({@code agentgateway_gen_ai_client_token_usage}, OpenMetrics text from its Rust client, labels
 * from its documentation), with the token sums the test sets, and counts the scrapes.
 */
final class CountersServer implements AutoCloseable {

  private final HttpServer server;
  private final Map<String, long[]> sums = new TreeMap<>();
  private final AtomicInteger scrapes = new AtomicInteger();
  private volatile int status = 200;

  /** Answering {@code input} and {@code output} tokens of {@code model} from the first scrape. */
  CountersServer(String model, long input, long output) throws IOException {
    this();
    set(model, input, output);
  }

  CountersServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/metrics", exchange -> {
      scrapes.incrementAndGet();
      byte[] body = exposition().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("content-type",
          "application/openmetrics-text;charset=utf-8;version=1.0.0");
      int answer = status;
      exchange.sendResponseHeaders(answer, answer == 200 ? body.length : -1);
      if (answer == 200) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
      exchange.close();
    });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/metrics";
  }

  /** Sets the cumulative input and output token sums of {@code model}. */
  synchronized void set(String model, long input, long output) {
    sums.put(model, new long[] {input, output});
  }

  synchronized long[] get(String model) {
    return sums.getOrDefault(model, new long[2]).clone();
  }

  void answer(int status) {
    this.status = status;
  }

  int scrapes() {
    return scrapes.get();
  }

  private synchronized String exposition() {
    StringBuilder out = new StringBuilder();
    out.append("# HELP agentgateway_requests The total number of HTTP requests sent.\n")
        .append("# TYPE agentgateway_requests counter\n")
        .append("agentgateway_requests_total{gateway=\"bind/3000\",method=\"POST\",status=\"200\"}"
            + " 12\n");
    out.append("# HELP agentgateway_gen_ai_client_token_usage Number of tokens used per request.\n")
        .append("# TYPE agentgateway_gen_ai_client_token_usage histogram\n");
    sums.forEach((model, v) -> {
      for (int t = 0; t < 2; t++) {
        String labels = "gen_ai_operation_name=\"chat\",gen_ai_request_model=\"" + model
            + "\",gen_ai_response_model=\"" + model + "-2026-01-01\",gen_ai_system=\"openai\","
            + "gen_ai_token_type=\"" + (t == 0 ? "input" : "output") + "\"";
        long count = v[t] == 0 ? 0 : 1;
        for (String le : new String[] {"1.0", "4.0", "16.0", "64.0", "256.0", "1024.0", "4096.0",
            "+Inf"}) {
          out.append("agentgateway_gen_ai_client_token_usage_bucket{").append(labels)
              .append(",le=\"").append(le).append("\"} ").append(count).append('\n');
        }
        out.append("agentgateway_gen_ai_client_token_usage_sum{").append(labels).append("} ")
            .append(v[t]).append('\n');
        out.append("agentgateway_gen_ai_client_token_usage_count{").append(labels).append("} ")
            .append(count).append('\n');
      }
    });
    return out.append("# EOF\n").toString();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
