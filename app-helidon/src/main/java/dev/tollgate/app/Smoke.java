package dev.tollgate.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.app.config.GatewayConfig;
import dev.tollgate.app.config.Secret;
import dev.tollgate.app.wiring.Root;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tollgate smoke}: proves a running gateway works end to end, over HTTP as a client would:
 * mints a key (tenant {@code smoke}, $1 budget), calls a model with it, reads the key's spend until
 * the call is in it, and deletes the key. Exit 0 when every step did what it should, 1 naming the
 * step that did not, 2 when there is nothing to run with.
 */
final class Smoke {

  static final String TENANT = "smoke";
  /** How long the spend may take to show (a durable store writes it behind the response). */
  static final Duration SPEND_WAIT = Duration.ofSeconds(10);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final Secret master;
  private final List<String> preferredModels;
  private final PrintStream out;
  private final RandomGenerator random;

  Smoke(String base, Secret master, List<String> preferredModels, PrintStream out,
      RandomGenerator random) {
    this.random = random;
    this.base = base;
    this.master = master;
    this.preferredModels = List.copyOf(preferredModels);
    this.out = out;
  }

  /** {@code tollgate smoke}'s options, read by picocli. */
  @Command(name = "smoke", description = "prove a running gateway end to end")
  static final class SmokeOptions {
    @Option(names = "--url", paramLabel = "http://HOST:PORT",
        description = "the server (default: the configured host and port)")
    String url;
  }

  /** From {@link Main}: {@code tollgate smoke [--url URL]}, against the configured server. */
  static int main(String[] args, Root root) {
    GatewayConfig config = root.config();
    SmokeOptions options = new SmokeOptions();
    try {
      new CommandLine(options).parseArgs(java.util.Arrays.copyOfRange(args, 1, args.length));
    } catch (CommandLine.ParameterException e) {
      System.err.println("tollgate smoke: " + e.getMessage());
      System.err.println("usage: tollgate smoke [--url http://HOST:PORT]");
      return 2;
    }
    Optional<String> url = Optional.ofNullable(options.url);
    if (config.masterKey().isEmpty()) {
      System.err.println("tollgate smoke: set TOLLGATE_MASTER_KEY to the running server's master"
          + " key (the one it printed at start when none was set)");
      return 2;
    }
    String host = config.server().host().equals("0.0.0.0") ? "127.0.0.1" : config.server().host();
    String base = url.orElse("http://" + host + ":" + config.server().port());
    List<String> models = config.models().stream().map(m -> m.name().value()).toList();
    return new Smoke(base, config.masterKey().get(), models, System.out, root.random())
        .run(System.err);
  }

  /** Runs the steps; a failed step is printed to {@code err} with what came back. */
  int run(PrintStream err) {
    try {
      steps();
      return 0;
    } catch (Failed e) {
      err.println("tollgate smoke: FAILED: " + e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println("tollgate smoke: FAILED: cannot reach " + base + ": " + e);
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  private void steps() throws IOException, InterruptedException {
    String alias = "smoke-" + HexFormat.of().formatHex(random4());
    JsonNode key = expect("mint a key", 201, send("POST", "/admin/v1/keys", master.reveal(),
        "{\"tenant\":\"" + TENANT + "\",\"alias\":\"" + alias + "\","
            + "\"budget\":{\"limit_usd\":\"1.00\",\"period\":\"monthly\"}}"));
    String id = key.path("id").asText();
    String secret = key.path("key").asText();
    out.println("1/4 minted key " + id + " for tenant " + TENANT + " with a $1.00 budget");
    try {
      String model = pickModel(secret);
      HttpResponse<String> call = send("POST", "/v1/chat/completions", secret,
          "{\"model\":\"" + model + "\",\"max_tokens\":16,"
              + "\"messages\":[{\"role\":\"user\",\"content\":\"Say hello.\"}]}");
      expect("call " + model, 200, call);
      out.println("2/4 called " + model + ": HTTP 200, cost USD "
          + call.headers().firstValue("x-tollgate-cost-usd").orElse("?"));
      JsonNode spend = awaitSpend(secret);
      out.println("3/4 the key's spend: " + spend.path("requests").asLong() + " request, USD "
          + spend.path("cost_usd").asText());
    } finally {
      expect("delete the key", 200, send("DELETE", "/admin/v1/keys/" + id, master.reveal(), null));
      out.println("4/4 deleted key " + id);
    }
    out.println("OK: " + base + " works end to end (mint, call, spend).");
  }

  /** The first configured model the key may call, else the first it lists. */
  private String pickModel(String secret) throws IOException, InterruptedException {
    List<String> listed = expect("list models", 200, send("GET", "/v1/models", secret, null))
        .path("data").findValuesAsText("id");
    return preferredModels.stream().filter(listed::contains).findFirst()
        .or(() -> listed.stream().findFirst())
        .orElseThrow(() -> new Failed("list models: the key may call no model"));
  }

  private JsonNode awaitSpend(String secret) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + SPEND_WAIT.toNanos();
    while (true) {
      JsonNode spend = expect("read the key's spend", 200,
          send("GET", "/v1/key/status", secret, null)).path("spend");
      if (spend.path("requests").asLong() >= 1) {
        return spend;
      }
      if (System.nanoTime() > deadline) {
        throw new Failed("read the key's spend: the call is not in it after "
            + SPEND_WAIT.toSeconds() + " s: " + spend);
      }
      Thread.sleep(POLL);
    }
  }

  private byte[] random4() {
    byte[] bytes = new byte[4];
    random.nextBytes(bytes);
    return bytes;
  }

  private HttpResponse<String> send(String method, String path, String key, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(REQUEST_TIMEOUT)
        .header("Authorization", "Bearer " + key)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode expect(String step, int status, HttpResponse<String> res) {
    if (res.statusCode() != status) {
      throw new Failed(step + ": HTTP " + res.statusCode() + " (expected " + status + "): "
          + res.body());
    }
    try {
      return JSON.readTree(res.body());
    } catch (IOException e) {
      throw new Failed(step + ": not JSON: " + res.body());
    }
  }

  private static final class Failed extends RuntimeException {
    Failed(String message) {
      super(message);
    }
  }
}
