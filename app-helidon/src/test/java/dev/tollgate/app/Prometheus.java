package dev.tollgate.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Prometheus (Debian's package) on its own loopback port with its own storage directory,
 * scraping one target every second; and promtool. Binaries: {@code TOLLGATE_PROMETHEUS} and
 * {@code TOLLGATE_PROMTOOL}, else the PATH ({@code .ci/run} installs them). Without them CI
 * ({@code CI=true}) fails and a developer's run is skipped, saying why.
 */
final class Prometheus implements AutoCloseable {

  static final Path RULES =
      Path.of("..", "deploy", "helm", "tollgate", "files", "prometheus-rules.yaml");
  static final Path RULE_TESTS = Path.of("..", "deploy", "prometheus", "tollgate-rules.test.yaml");
  static final Path DASHBOARD = Path.of("..", "deploy", "grafana", "tollgate-dashboard.json");

  private static final Duration READY_WITHIN = Duration.ofSeconds(30);
  private static final long TOOL_TIMEOUT_SECONDS = 60;

  private final Process process;
  private final URI api;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper mapper = new ObjectMapper();

  private Prometheus(Process process, URI api) {
    this.process = process;
    this.api = api;
  }

  /** Starts Prometheus scraping {@code target} (host:port) at {@code /metrics} every second. */
  static Prometheus scraping(String target, Path dir) throws Exception {
    Path binary = binary("TOLLGATE_PROMETHEUS", "prometheus");
    int port = freePort();
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, """
        global:
          scrape_interval: 1s
          evaluation_interval: 1s
        rule_files:
          - %s
        scrape_configs:
          - job_name: tollgate
            metrics_path: /metrics
            static_configs:
              - targets: ['%s']
        """.formatted(RULES.toAbsolutePath().normalize(), target));
    Process p = new ProcessBuilder(binary.toString(), "--config.file=" + config,
        "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
        "--log.level=warn")
        .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
    Prometheus prometheus = new Prometheus(p, URI.create("http://127.0.0.1:" + port));
    prometheus.awaitReady(dir);
    return prometheus;
  }

  private void awaitReady(Path dir) throws Exception {
    long deadline = System.nanoTime() + READY_WITHIN.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("prometheus exited: " + Files.readString(dir.resolve("prometheus.log")));
      }
      try {
        if (http.send(HttpRequest.newBuilder(api.resolve("/-/ready")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(100);
    }
    throw new AssertionError("prometheus not ready within " + READY_WITHIN);
  }

  /** The API's answer to an instant query ({@code status}, {@code data.result}). */
  JsonNode query(String promql) throws Exception {
    String url = api + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8);
    return mapper.readTree(http.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString()).body());
  }

  /** A query's single value, when it has exactly one series. */
  Optional<String> value(String promql) throws Exception {
    JsonNode result = query(promql).path("data").path("result");
    return result.size() == 1 ? Optional.of(result.get(0).path("value").get(1).asText())
        : Optional.empty();
  }

  /** What a promtool command printed, and how it ended. */
  record Tool(int exitCode, String output) {}

  static Tool promtool(List<String> args, Optional<String> stdin) throws Exception {
    List<String> command = new java.util.ArrayList<>();
    command.add(binary("TOLLGATE_PROMTOOL", "promtool").toString());
    command.addAll(args);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (var in = p.getOutputStream()) {
      if (stdin.isPresent()) {
        in.write(stdin.get().getBytes(StandardCharsets.UTF_8));
      }
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(TOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("promtool " + args + " did not finish");
    }
    return new Tool(p.exitValue(), out);
  }

  private static Path binary(String variable, String name) {
    String explicit = System.getenv(variable);
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (!dir.isEmpty() && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    String why = "no " + name + ": set " + variable
        + " or apt-get install prometheus (.ci/run installs it)";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError(why);
    }
    Assumptions.abort(why);
    throw new IllegalStateException("unreachable");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
