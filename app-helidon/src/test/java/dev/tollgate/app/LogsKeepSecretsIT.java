package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets are kept out of the logs by construction, proven on a whole run: {@code tollgate serve}
 * as its own JVM with its real logging (JSON, {@code java.util.logging} bridged in), on
 * PostgreSQL with a salt key and a sealed data-plane credential ({@code tollgate secret set}),
 * driven through minting keys (inference and tenant admin), rotating one, /v1 calls (JSON,
 * stream, Messages, key status), refusals (a near-miss of a real key, a wrong master key, a
 * blocked key), admin reads and a LiteLLM price import, and restarted. Every line it wrote, to
 * standard error and standard output, by the server and the CLI, is searched for every secret the
 * run knew: none appears. And the lines are what operators get: JSON, Helidon's among them, an
 * access line per /v1 request.
 */
class LogsKeepSecretsIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SALT_KEY = "salt-" + UUID.randomUUID() + "-" + UUID.randomUUID();
  private static final String CREDENTIAL = "dp-credential-" + UUID.randomUUID();
  private static final String WRONG_MASTER = "tg-master-wrong-" + UUID.randomUUID();

  @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir; // a failure keeps the logs to read
  private final String schema =
      "tg_logs_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private ReplicaProcess server;
  private final Set<String> secrets = new LinkedHashSet<>();
  private final List<Map<String, String>> v1Answers = new ArrayList<>();

  @AfterEach
  void cleanUp() throws Exception {
    if (server != null) {
      server.close();
    }
    TestPostgres.dropSchema(schema);
  }

  @Test
  void no_log_line_of_a_whole_run_shows_a_secret() throws Exception {
    secrets.addAll(List.of(ReplicaProcess.MASTER_KEY, SALT_KEY, CREDENTIAL, WRONG_MASTER));
    server = new ReplicaProcess(dir.resolve("server"), TestPostgres.jdbcUrl(), schema, env()).start();
    AdminClient admin = new AdminClient(server.base());
    String inference = administer(admin);
    call(admin, inference);
    cli("secret", "set", "data-plane-api-key"); // sealed under the salt key while serving
    server.stop();
    server.start(); // opens the sealed credential with the salt key
    call(admin, inference);
    server.stop();

    List<String> lines = new ArrayList<>();
    for (String file : List.of("server/tollgate.log", "server/tollgate.out", "cli.log")) {
      lines.addAll(Files.readAllLines(dir.resolve(file), StandardCharsets.UTF_8));
    }
    assertThat(lines).hasSizeGreaterThan(20);
    for (String line : lines) {
      for (String secret : secrets) {
        assertThat(line).as("a log line").doesNotContain(secret);
      }
    }
    logsAreJsonWithHelidonsAndOneAccessLinePerCall(
        Files.readAllLines(dir.resolve("server/tollgate.log"), StandardCharsets.UTF_8));
  }

  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("TOLLGATE_SALT_KEY", SALT_KEY);
    env.put("TOLLGATE_LOGGING_FORMAT", "json");
    return env;
  }

  /** Tenants, keys of both roles, a rotation, a block, reads, a price import; the inference key. */
  private String administer(AdminClient admin) {
    String m = ReplicaProcess.MASTER_KEY;
    admin.post("/admin/v1/tenants", m, "{\"id\":\"acme\",\"name\":\"Acme\"}");
    String keyId = minted(admin.post("/admin/v1/keys", m,
        "{\"tenant\":\"acme\",\"alias\":\"app\",\"budget\":{\"limit_usd\":\"5.00\","
            + "\"period\":\"monthly\"},\"rpm\":600}")).path("id").asText();
    String tenantAdmin = minted(admin.post("/admin/v1/keys", m,
        "{\"tenant\":\"acme\",\"alias\":\"ops\",\"role\":\"tenant_admin\"}")).path("key").asText();
    String rotated = minted(admin.post("/admin/v1/keys/" + keyId + "/rotate", m,
        "{\"grace_period_seconds\":600}")).path("key").asText();
    String doomed = minted(admin.post("/admin/v1/keys", tenantAdmin,
        "{\"alias\":\"doomed\"}")).path("id").asText();
    admin.post("/admin/v1/keys/" + doomed + "/block", tenantAdmin, "{}");
    admin.get("/admin/v1/keys?tenant=acme", tenantAdmin);
    admin.get("/admin/v1/keys/" + keyId, m);
    admin.get("/admin/v1/spend?group_by=key", m);
    admin.get("/admin/v1/audit?tenant=acme", m);
    admin.get("/admin/v1/tenants", WRONG_MASTER);
    admin.call("POST", "/admin/v1/prices/import", m,
        "{\"sim-small\":{\"input_cost_per_token\":1e-7,\"output_cost_per_token\":2e-7,"
            + "\"litellm_provider\":\"openai\",\"mode\":\"chat\"}}");
    admin.post("/admin/v1/keys", m, "{\"tenant\":\"acme\",\"budget\":{\"limit_usd\":\"x\"}}");
    return rotated;
  }

  /** Keeps every secret a reply carries (a minted key's {@code sk-…}); answers the reply's JSON. */
  private JsonNode minted(AdminClient.Reply reply) {
    JsonNode json = reply.json();
    json.findValues("key").forEach(v -> {
      if (v.isTextual() && v.asText().startsWith("sk-")) {
        secrets.add(v.asText());
      }
    });
    return json;
  }

  private void call(AdminClient admin, String key) {
    String chat = "{\"model\":\"sim-small\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    answered(admin.post("/v1/chat/completions", key, chat));
    answered(admin.post("/v1/chat/completions", key, "{\"model\":\"sim-small\",\"stream\":true,"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Tell me a story\"}]}"));
    answered(admin.call("POST", "/v1/messages", key, "{\"model\":\"sim-small\",\"max_tokens\":16,"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
        Map.of("anthropic-version", "2023-06-01")));
    admin.get("/v1/key/status", key);
    String nearMiss = key.substring(0, key.length() - 1) + (key.endsWith("a") ? "b" : "a");
    secrets.add(nearMiss);
    answered(admin.post("/v1/chat/completions", nearMiss, chat));
    answered(admin.post("/v1/chat/completions", key, "{\"model\":\"sim-small\",\"messages\":"));
  }

  private void answered(AdminClient.Reply reply) {
    Map<String, String> answer = new HashMap<>();
    answer.put("status", Integer.toString(reply.status()));
    reply.headers().forEach((name, values) -> answer.put(name.toLowerCase(), values.get(0)));
    v1Answers.add(answer);
  }

  /** {@code tollgate secret set <name>} in its own JVM, the credential on its standard input. */
  private void cli(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
        Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("cli.log").toFile());
    pb.environment().putAll(env());
    pb.environment().put("TOLLGATE_STORE_TYPE", "postgres");
    pb.environment().put("TOLLGATE_STORE_JDBC_DASH_URL", TestPostgres.jdbcUrl());
    pb.environment().put("TOLLGATE_STORE_SCHEMA", schema);
    Process p = pb.start();
    try (var stdin = p.getOutputStream()) {
      stdin.write(CREDENTIAL.getBytes(StandardCharsets.UTF_8));
    }
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the CLI finished").isTrue();
    assertThat(p.exitValue()).as(Files.readString(dir.resolve("cli.log"))).isZero();
  }

  private void logsAreJsonWithHelidonsAndOneAccessLinePerCall(List<String> log) throws Exception {
    List<JsonNode> events = new ArrayList<>();
    for (String line : log) {
      if (line.startsWith("{")) {
        events.add(JSON.readTree(line));
      } else {
        // Only the JVM's own warnings are not log events (they bypass any logging library).
        assertThat(line).as("a line of the server's log that is not JSON").matches(
            "^(WARNING: .*|\\s*)$");
      }
    }
    assertThat(events).anySatisfy(e -> assertThat(e.path("loggerName").asText())
        .startsWith("io.helidon"));
    List<Map<String, String>> access = events.stream()
        .filter(e -> e.path("loggerName").asText().equals("tollgate.access"))
        .map(LogsKeepSecretsIT::fields).toList();
    assertThat(access).hasSize(v1Answers.size());
    Map<String, String> first = v1Answers.get(0);
    assertThat(access).anySatisfy(a -> {
      assertThat(a).containsEntry("route", "/v1/chat/completions")
          .containsEntry("status", "200")
          .containsEntry("request_id", first.get("x-request-id"))
          .containsEntry("tenant", "acme")
          .containsEntry("model", "sim-small")
          .containsEntry("cost_usd", first.get("x-tollgate-cost-usd"))
          .containsKeys("key_id", "input_tokens", "output_tokens", "overhead_ms", "upstream_ms");
    });
    assertThat(access).anySatisfy(a -> assertThat(a).containsEntry("route", "/v1/messages")
        .containsEntry("status", "200").containsKeys("request_id", "key_id", "cost_usd"));
    assertThat(access).anySatisfy(a -> assertThat(a).containsEntry("status", "401")
        .containsKey("denial").doesNotContainKey("key_id"));
  }

  /** An event's key-value pairs (Logback's {@code kvpList}) as strings. */
  private static Map<String, String> fields(JsonNode event) {
    Map<String, String> out = new HashMap<>();
    JsonNode kvp = event.path("kvpList");
    List<JsonNode> pairs = new ArrayList<>();
    if (kvp.isArray()) {
      kvp.forEach(pairs::add);
    } else {
      pairs.add(kvp);
    }
    for (JsonNode pair : pairs) {
      pair.properties().forEach(f -> out.put(f.getKey(), f.getValue().asText()));
    }
    return out;
  }
}
