package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.app.config.GatewayConfig;
import dev.tollgate.app.config.Secret;
import dev.tollgate.app.config.Secrets;
import dev.tollgate.app.config.StoreSettings;
import dev.tollgate.app.wiring.DataPlaneCredential;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.ModelSpec;
import dev.tollgate.domain.pricing.PriceVersion;
import dev.tollgate.domain.secret.SaltKey;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.in.IssueKeyCommand;
import dev.tollgate.port.in.IssuedKey;
import dev.tollgate.service.AdmissionSettings;
import dev.tollgate.service.Tollgate;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets at rest on a real PostgreSQL ({@link TestPostgres}, a schema of its own): the salt key
 * is write-once, a server under another key refuses to start naming both key ids, rotation moves
 * the store to a new key, and no secret or key reaches a log line, an output or a message.
 */
class SecretsAtRestTest {

  private static final String KEY_A = "salt-key-A-Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4";
  private static final String KEY_B = "salt-key-B-cXV1eHF1dXhxdXV4cXV1eHF1dXhmb29i";
  private static final String CREDENTIAL = "sk-upstream-very-secret-0123456789";
  private static final String ID_A = SaltKey.of(KEY_A).id().value();
  private static final String ID_B = SaltKey.of(KEY_B).id().value();

  @TempDir Path dir;
  private final String schema = "tg_sec_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private final StringBuilder printed = new StringBuilder();
  private final Handler logs = new Handler() {
    @Override
    public void publish(LogRecord r) {
      synchronized (printed) {
        printed.append(r.getMessage()).append('\n');
        if (r.getThrown() != null) {
          printed.append(stackTrace(r.getThrown()));
        }
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  private static String jdbcUrl() {
    return TestPostgres.jdbcUrl();
  }

  @BeforeEach
  void captureLogs() {
    Logger.getLogger("").addHandler(logs);
  }

  /** Every test: nothing printed, logged or thrown showed a secret or a key. */
  @AfterEach
  void nothingLeakedAndDropSchema() throws Exception {
    Logger.getLogger("").removeHandler(logs);
    assertThat(printed.toString()).doesNotContain(CREDENTIAL, KEY_A, KEY_B);
    try (var c = DriverManager.getConnection(jdbcUrl()); var st = c.createStatement()) {
      st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  private GatewayConfig config(String saltKey) {
    return config(saltKey, new GatewayConfig.DataPlaneSettings("simulated", Optional.empty(),
        Duration.ofSeconds(30), Duration.ZERO, Duration.ZERO));
  }

  private GatewayConfig config(String saltKey, GatewayConfig.DataPlaneSettings dataPlane) {
    StoreSettings postgres = new StoreSettings("postgres", Optional.of(jdbcUrl()), schema, true,
        dir.resolve("pgdata"), dir.resolve("journal"), 2);
    ModelName small = ModelName.of("sim-small");
    return new GatewayConfig(
        new GatewayConfig.Server("127.0.0.1", 0, 256 * 1024, 64L * 1024 * 1024),
        dataPlane, AdmissionSettings.DEFAULTS, List.of(ModelSpec.of(small, 4096)),
        List.of(new PriceVersion(small, Instant.EPOCH, GatewayHarness.SMALL_PRICES)), List.of(),
        Optional.of(new Secret("master")), Optional.empty(), postgres, Optional.empty(),
        Optional.ofNullable(saltKey).map(Secret::new));
  }

  private TollgateServer start(String saltKey) {
    return TollgateServer.start(config(saltKey), new Secret("master"));
  }

  private void refusedToStart(String saltKey, String... mentioned) {
    assertThatThrownBy(() -> start(saltKey).close())
        .satisfies(e -> printed.append(stackTrace(e)))
        .hasStackTraceContaining("salt key")
        .satisfies(e -> assertThat(stackTrace(e)).contains(mentioned));
  }

  /** Runs a command as `tollgate ...` would, with this environment; returns its exit status. */
  private int command(String saltKey, Map<String, String> env, String stdin, String... args) {
    Map<String, String> all = new HashMap<>(env);
    if (saltKey != null) {
      all.put("TOLLGATE_SALT_KEY", saltKey);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status = new SecretCommands(dev.tollgate.app.wiring.Root.of(config(saltKey)), new Secrets(all),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(out, true, StandardCharsets.UTF_8))
        .run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    printed.append(out.toString(StandardCharsets.UTF_8));
    return status;
  }

  @Test
  void a_malformed_command_is_a_usage_error_that_changes_nothing() {
    for (String[] args : new String[][] {{"secret"}, {"secret", "set"}, {"secret", "get", "x"},
        {"rotate-salt-key", "now"}, {"secret", "set", "a", "b"}}) {
      assertThat(command(KEY_A, Map.of(), "", args)).as(String.join(" ", args)).isEqualTo(2);
    }
    assertThat(printed.toString()).contains("usage: tollgate rotate-salt-key");
  }

  @Test
  void a_server_under_another_salt_key_refuses_to_start_naming_both_key_ids() {
    start(KEY_A).close();

    refusedToStart(KEY_B, ID_A, ID_B, "write-once", "rotate-salt-key");
    start(KEY_A).close();
  }

  @Test
  void without_a_salt_key_a_server_starts_only_while_nothing_is_sealed() {
    start(null).close();
    assertThat(command(null, Map.of(), CREDENTIAL, "secret", "set", "data-plane-api-key")).isEqualTo(1);
    assertThat(printed).contains("no salt key is configured");

    start(KEY_A).close();

    refusedToStart(null, ID_A, "no salt key is configured");
  }

  @Test
  void a_stored_credential_reaches_the_data_plane_and_survives_a_rotation_to_a_new_key() {
    assertThat(command(KEY_A, Map.of(), CREDENTIAL + "\n", "secret", "set", "data-plane-api-key"))
        .isEqualTo(0);
    assertThat(printed).contains("stored data-plane-api-key, sealed under salt key " + ID_A);
    try (TollgateServer server = start(KEY_A)) {
      DataPlaneCredential credential = server.get(DataPlaneCredential.class);
      assertThat(credential.value().orElseThrow().reveal()).isEqualTo(CREDENTIAL);
      printed.append(credential).append('\n');
    }

    Map<String, String> rotate = Map.of("TOLLGATE_NEW_SALT_KEY", KEY_B);
    assertThat(command(KEY_A, rotate, "", "rotate-salt-key")).isEqualTo(0);
    assertThat(printed).contains("re-encrypted 1 secret(s) and the key check from salt key "
        + ID_A + " to " + ID_B);
    assertThat(command(KEY_A, rotate, "", "rotate-salt-key")).isEqualTo(0);
    assertThat(printed).contains("already sealed under salt key " + ID_B);

    try (TollgateServer server = start(KEY_B)) {
      assertThat(server.get(DataPlaneCredential.class).value().orElseThrow().reveal())
          .isEqualTo(CREDENTIAL);
    }
    refusedToStart(KEY_A, ID_A, ID_B);
  }

  @Test
  void rotation_with_an_old_key_that_is_not_the_stores_changes_nothing() {
    start(KEY_A).close();
    String other = "some-other-salt-key-0123456789abcdefghij";

    assertThat(command(other, Map.of("TOLLGATE_NEW_SALT_KEY", KEY_B), "", "rotate-salt-key"))
        .isEqualTo(1);

    assertThat(printed).contains("sealed under salt key id " + ID_A);
    start(KEY_A).close();
  }

  @Test
  void the_stored_credential_is_what_the_data_plane_receives() throws Exception {
    command(KEY_A, Map.of(), CREDENTIAL, "secret", "set", "data-plane-api-key");
    AtomicReference<String> authorization = new AtomicReference<>();
    HttpServer upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    upstream.createContext("/", exchange -> {
      authorization.set(exchange.getRequestHeaders().getFirst("authorization"));
      exchange.getRequestBody().readAllBytes();
      byte[] out = ANSWER.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("content-type", "application/json");
      exchange.sendResponseHeaders(200, out.length);
      exchange.getResponseBody().write(out);
      exchange.close();
    });
    upstream.start();
    URI base = URI.create("http://127.0.0.1:" + upstream.getAddress().getPort());
    GatewayConfig config = config(KEY_A, new GatewayConfig.DataPlaneSettings("agentgateway",
        Optional.of(base), Duration.ofSeconds(30), Duration.ZERO, Duration.ZERO));
    try (TollgateServer server = TollgateServer.start(config, new Secret("master"))) {
      IssuedKey key = server.get(Tollgate.class).issueKey()
          .issue(IssueKeyCommand.forOwner(Owner.tenant(TenantId.of("acme")), "t"));
      HttpResponse<String> res = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/chat/completions"))
              .header("Authorization", "Bearer " + key.secret().reveal())
              .POST(HttpRequest.BodyPublishers.ofString(
                  "{\"model\":\"sim-small\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
              .build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(res.statusCode()).isEqualTo(200);
      assertThat(authorization.get()).isEqualTo("Bearer " + CREDENTIAL);
    } finally {
      upstream.stop(0);
    }
  }

  private static final String ANSWER = "{\"id\":\"x\",\"object\":\"chat.completion\","
      + "\"model\":\"sim-small\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
      + "\"content\":\"hi\"},\"finish_reason\":\"stop\"}],"
      + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}";

  @Test
  void an_environment_credential_wins_over_the_stored_one() {
    command(KEY_A, Map.of(), CREDENTIAL, "secret", "set", "data-plane-api-key");
    GatewayConfig config = config(KEY_A);
    GatewayConfig fromEnv = new GatewayConfig(config.server(), config.dataPlane(),
        config.admission(), config.models(), config.prices(), config.tenants(), config.masterKey(),
        Optional.of(new Secret("from-the-environment")), config.store(),
        config.databasePassword(), config.saltKey());

    try (TollgateServer server = TollgateServer.start(fromEnv, new Secret("master"))) {
      assertThat(server.get(DataPlaneCredential.class).value().orElseThrow().reveal())
          .isEqualTo("from-the-environment");
    }
  }

  private static String stackTrace(Throwable e) {
    StringWriter w = new StringWriter();
    e.printStackTrace(new PrintWriter(w));
    return w.toString();
  }
}
