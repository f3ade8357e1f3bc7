package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.app.cli.ImportCommand;
import dev.tollgate.app.config.ConfigFiles;
import dev.tollgate.app.config.ConfigLoader;
import dev.tollgate.app.config.Secrets;
import dev.tollgate.app.config.StoreSettings;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.EndUserId;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.budget.BudgetSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tollgate import litellm} against a real LiteLLM schema (its Prisma tables, written as DDL
 * in {@code litellm/schema.sql}) in a schema of its own on the test PostgreSQL, filled with the
 * rows a LiteLLM proxy has: an organization with teams, keys whose secrets this test knows, a
 * blocked and an expired key, half-used and nearly-spent budgets, customers with budgets, a model
 * added at run time. Then the gateway serves the imported store and the same {@code sk-…} secrets
 * call {@code /v1}.
 */
class LitellmImportTest {

  // Secrets as LiteLLM mints them: "sk-" + secrets.token_urlsafe(16).
  static final String ACTIVE = "sk-Qm3vX9LrT2bHcW8eNpJ5aQ";
  static final String BLOCKED = "sk-b7LkV0xPz4YtRq1uWmE9sA";
  static final String EXPIRED = "sk-Ex9pIr3dKeY_2Lm8Nq4RsT";
  static final String NEARLY_SPENT = "sk-N3ar1y-Sp3ntKeyAbCdEf";
  static final String TIGHT_TEAM = "sk-T1ghtT3amKeyGhIjKlMnO";
  static final String NO_TEAM = "sk-N0T3amKeyPqRsTuVwXyZ0";
  static final String RESET_DUE = "sk-R3s3tDu3KeyZyXwVuTsRq";
  static final String UI_SESSION = "sk-Ui5e55i0nT0k3nAaBbCcD";

  @TempDir Path dir;
  private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private final String litellmSchema = "ll_src_" + suffix;
  private final String storeSchema = "tg_ll_" + suffix;
  private final Instant now = Instant.now();
  private final PrintStream stdout = System.out;
  private final PrintStream stderr = System.err;
  private final Level rootLevel = Logger.getLogger("").getLevel();
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void litellmDatabase() throws Exception {
    try (Connection c = DriverManager.getConnection(TestPostgres.jdbcUrl());
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + litellmSchema);
      s.execute("SET search_path TO " + litellmSchema);
      s.execute(resource("litellm/schema.sql"));
      seed(c);
    }
    Map.of("tollgate.store.type", "postgres", "tollgate.store.jdbc-url", TestPostgres.jdbcUrl(),
        "tollgate.store.schema", storeSchema, "tollgate.store.migrate-at-start", "true",
        "tollgate.store.pool-size", "2").forEach(System::setProperty);
  }

  @AfterEach
  void cleanUp() throws Exception {
    System.setOut(stdout);
    System.setErr(stderr);
    List.of("type", "jdbc-url", "schema", "migrate-at-start", "pool-size")
        .forEach(k -> System.clearProperty("tollgate.store." + k));
    Logger.getLogger("").setLevel(rootLevel);
    TestPostgres.dropSchema(litellmSchema);
    TestPostgres.dropSchema(storeSchema);
  }

  @Test
  void a_litellm_database_is_imported_once_and_its_keys_budgets_and_customers_work_on_v1()
      throws Exception {
    Run dry = importLitellm("--dry-run");
    assertThat(dry.code()).as(dry.err()).isZero();
    assertThat(dry.out()).startsWith("DRY RUN").contains("would_import key       key "
        + hash(ACTIVE).substring(0, 12) + " -> ll-" + hash(ACTIVE).substring(0, 24));
    assertThat(dry.out()).doesNotContainPattern("(?m)^imported");

    Run first = importLitellm();
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.out())
        .contains("imported     tenant    organization org-acme -> org-acme: Acme Corp")
        .contains("imported     team      team team-ml -> org-acme/team-ml")
        .contains("imported     spend     key " + hash(ACTIVE).substring(0, 12))
        .contains("skipped      key       key " + hash(UI_SESSION).substring(0, 12)
            + ": a LiteLLM admin UI session token")
        .contains("skipped      user      user alice@example.com")
        .contains("imported     model     model ll-gpt-4o -> ll-gpt-4o: upstream gpt-4o")
        .contains("belongs to the period that ended")
        .doesNotContain("would_import");

    Run second = importLitellm();
    assertThat(second.code()).as(second.err()).isZero();
    assertThat(second.out()).doesNotContainPattern("(?m)^imported").contains("exists       key       key "
        + hash(ACTIVE).substring(0, 12));
    assertThat(sourceSpend(ACTIVE)).as("the source is only read").isEqualTo("0.5");

    try (GatewayHarness gateway = GatewayHarness.simulated(store())) {
      var spend = gateway.tollgate().spend();
      // A budget half used in LiteLLM is half used here, to the nano-dollar.
      BudgetSnapshot active = spend.budget(Scope.key(keyId(ACTIVE))).orElseThrow();
      assertThat(active.budget().limit()).isEqualTo(Money.usd("1.00"));
      assertThat(active.posted()).isEqualTo(Money.usd("0.50"));
      assertThat(active.budget().period().name()).isEqualTo("monthly");
      assertThat(spend.budget(Scope.team(TenantId.of("org-acme"), TeamId.of("team-ml")))
          .orElseThrow().posted()).isEqualTo(Money.usd("10.25"));
      assertThat(spend.budget(Scope.tenant(TenantId.of("org-acme"))).orElseThrow().posted())
          .isEqualTo(Money.usd("12.5"));
      assertThat(spend.budget(Scope.key(keyId(RESET_DUE))).orElseThrow().posted())
          .as("LiteLLM's reset was due: a new period").isEqualTo(Money.ZERO);
      // Float noise (0.1 + 0.2 in LiteLLM) is 0.3 exactly, in the opening ledger entry.
      assertThat(spend.entryOf(RequestId.of("litellm-import:" + keyId(NO_TEAM).value()))
          .orElseThrow().cost()).isEqualTo(Money.usd("0.3"));

      assertThat(chat(gateway, ACTIVE, "sim-small", null).statusCode()).isEqualTo(200);
      Eventually.await(() -> spend.budget(Scope.key(keyId(ACTIVE))).orElseThrow().posted()
          .isGreaterThan(Money.usd("0.50")), "the call posted on the half-used budget");

      assertRefused(chat(gateway, BLOCKED, "sim-small", null), 401, "key_blocked");
      assertRefused(chat(gateway, EXPIRED, "sim-small", null), 401, "key_expired");
      assertRefused(chat(gateway, NEARLY_SPENT, "sim-large", null), 429, "insufficient_quota");
      HttpResponse<String> team = chat(gateway, TIGHT_TEAM, "sim-large", null);
      assertRefused(team, 429, "insufficient_quota");
      assertThat(team.body()).contains("team team-tight");
      // A LiteLLM-shaped secret nobody imported, and a key-shaped typo, open nothing.
      assertRefused(chat(gateway, "sk-NotImp0rtedKeyAbCdEfG", "sim-small", null), 401,
          "invalid_api_key");
      assertRefused(chat(gateway, ACTIVE.substring(0, ACTIVE.length() - 1), "sim-small", null),
          401, "invalid_api_key");

      // Customers: their budgets are enforced for whatever key names them.
      assertThat(chat(gateway, NO_TEAM, "sim-large", null).statusCode()).isEqualTo(200);
      assertThat(chat(gateway, NO_TEAM, "sim-large", "cust-roomy").statusCode()).isEqualTo(200);
      HttpResponse<String> small = chat(gateway, NO_TEAM, "sim-large", "cust-small");
      assertRefused(small, 429, "insufficient_quota");
      assertThat(small.body()).contains("end user cust-small");
      assertRefused(chat(gateway, NO_TEAM, "sim-small", "cust-blocked"), 429, "insufficient_quota");
      assertThat(spend.budget(Scope.endUser(TenantId.of("litellm"), EndUserId.of("cust-small")))
          .orElseThrow().posted()).isEqualTo(Money.usd("0.00005"));

      assertThat(gateway.server.get(dev.tollgate.service.Tollgate.class) != null).isTrue();
    }
    try (var backend = dev.tollgate.app.wiring.Root.of(config()).administration()) {
      var model = backend.models().find(ModelName.of("ll-gpt-4o")).orElseThrow();
      assertThat(model.upstreamName()).isEqualTo(ModelName.of("gpt-4o"));
      assertThat(model.maxOutputTokens()).isEqualTo(16_384);
      assertThat(backend.models().model(ModelName.of("ll-gpt-4o")).orElseThrow().origin())
          .isEqualTo(dev.tollgate.domain.pricing.ModelOrigin.IMPORTED);
      var price = backend.stores().prices().inForceAt(ModelName.of("ll-gpt-4o"), Instant.now())
          .orElseThrow().prices();
      assertThat(price.input().perMillionTokens()).isEqualTo(Money.usd("2.50"));
      assertThat(price.output().perMillionTokens()).isEqualTo(Money.usd("10.00"));
    }
  }

  private static void assertRefused(HttpResponse<String> response, int status, String code) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.body()).contains("\"code\":\"" + code + "\"");
  }

  private HttpResponse<String> chat(GatewayHarness gateway, String secret, String model,
      String user) throws IOException, InterruptedException {
    String body = "{\"model\":\"" + model + "\",\"max_tokens\":100,"
        + (user == null ? "" : "\"user\":\"" + user + "\",")
        + "\"messages\":[{\"role\":\"user\",\"content\":\"hello from LiteLLM\"}]}";
    return http.send(HttpRequest.newBuilder(URI.create(gateway.base() + "/v1/chat/completions"))
        .header("Authorization", "Bearer " + secret).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private StoreSettings store() {
    return new StoreSettings("postgres", Optional.of(TestPostgres.jdbcUrl()), storeSchema, true,
        dir.resolve("pgdata"), dir.resolve("journal"), 4);
  }

  private record Run(int code, String out, String err) {}

  /** The command as an operator runs it: configuration from tollgate.* properties. */
  private Run importLitellm(String... extra) {
    String url = TestPostgres.jdbcUrl();
    String from = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + litellmSchema;
    List<String> args = new java.util.ArrayList<>(List.of("import", "litellm", "--from", from));
    args.addAll(List.of(extra));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = ImportCommand.main(args.toArray(String[]::new),
          dev.tollgate.app.wiring.Root.of(config()));
      return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
    }
  }

  private static dev.tollgate.app.config.GatewayConfig config() {
    return ConfigLoader.load(ConfigFiles.load(Optional.empty(), Path.of("")),
        Secrets.fromEnvironment());
  }

  private String sourceSpend(String secret) throws Exception {
    try (Connection c = DriverManager.getConnection(TestPostgres.jdbcUrl());
        PreparedStatement s = c.prepareStatement("SELECT spend::text FROM " + litellmSchema
            + ".\"LiteLLM_VerificationToken\" WHERE token = ?")) {
      s.setString(1, hash(secret));
      try (var r = s.executeQuery()) {
        r.next();
        return r.getString(1);
      }
    }
  }

  static KeyId keyId(String secret) {
    return KeyId.of("ll-" + hash(secret).substring(0, 24));
  }

  /** LiteLLM's hash_token: SHA-256 of the secret's UTF-8 bytes, lowercase hex. */
  static String hash(String secret) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = LitellmImportTest.class.getClassLoader().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The rows: what a LiteLLM proxy with an organization, teams, keys and customers holds. */
  private void seed(Connection c) throws Exception {
    Instant nextMonth = LocalDate.ofInstant(now, ZoneOffset.UTC).withDayOfMonth(1).plusMonths(1)
        .atStartOfDay().toInstant(ZoneOffset.UTC);
    Instant tomorrow = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1).atStartOfDay()
        .toInstant(ZoneOffset.UTC);
    Instant yesterday = now.minus(1, ChronoUnit.DAYS);
    sql(c, "INSERT INTO \"LiteLLM_BudgetTable\" (budget_id, max_budget, rpm_limit, budget_duration,"
        + " budget_reset_at, created_by, updated_by) VALUES"
        + " ('b-org-acme', 100, 600, '30d', ?, 'admin', 'admin'),"
        + " ('b-cust-small', 0.0001, NULL, '1d', ?, 'admin', 'admin'),"
        + " ('b-cust-roomy', 5, NULL, NULL, NULL, 'admin', 'admin')", ts(nextMonth), ts(tomorrow));
    sql(c, "INSERT INTO \"LiteLLM_OrganizationTable\" (organization_id, organization_alias,"
        + " budget_id, metadata, models, spend, created_by, updated_by) VALUES ('org-acme',"
        + " 'Acme Corp', 'b-org-acme', '{\"cost_center\": \"cc-7\", \"tier\": {\"level\": 2}}',"
        + " ARRAY[]::text[], 12.5, 'admin', 'admin')");
    sql(c, "INSERT INTO \"LiteLLM_TeamTable\" (team_id, team_alias, organization_id, max_budget,"
        + " spend, models, tpm_limit, budget_duration, budget_reset_at, blocked) VALUES"
        + " ('team-ml', 'ML Platform', 'org-acme', 50, 10.25, ARRAY['sim-small','sim-large'],"
        + "  100000, '1mo', ?, false),"
        + " ('team-tight', 'Tight', 'org-acme', 2.0, 1.9999, ARRAY[]::text[], NULL, NULL, NULL,"
        + "  false)", ts(nextMonth));
    sql(c, "INSERT INTO \"LiteLLM_UserTable\" (user_id, user_email, max_budget, spend, models)"
        + " VALUES ('alice@example.com', 'alice@example.com', 10, 3.5, ARRAY[]::text[])");
    String keys = "INSERT INTO \"LiteLLM_VerificationToken\" (token, key_name, key_alias, spend,"
        + " expires, models, user_id, team_id, organization_id, metadata, blocked, max_budget,"
        + " budget_duration, budget_reset_at, rpm_limit, tpm_limit, max_parallel_requests)"
        + " VALUES (?, ?, ?, ?, ?, ?::text[], ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?)";
    key(c, keys, ACTIVE, "ml-prod", 0.5, null, "{sim-small,sim-large}", "alice@example.com",
        "team-ml", null, "{\"env\": \"prod\"}", null, 1.0, "30d", nextMonth, 100L, 100_000L, 4);
    key(c, keys, BLOCKED, "ml-old", 0.0, null, "{}", null, "team-ml", null, "{}", true, null,
        null, null, null, null, null);
    key(c, keys, EXPIRED, "ml-expired", 0.0, yesterday, "{}", null, "team-ml", null, "{}", null,
        null, null, null, null, null, null);
    key(c, keys, NEARLY_SPENT, "nearly", 0.00999, null, "{}", null, null, "org-acme", "{}", false,
        0.01, null, null, null, null, null);
    key(c, keys, TIGHT_TEAM, "tight", 0.0, null, "{}", null, "team-tight", null, "{}", null, null,
        null, null, null, null, null);
    key(c, keys, NO_TEAM, "loose", 0.1 + 0.2, null, "{all-proxy-models}", null, null, null, "{}",
        null, null, null, null, null, null, null);
    key(c, keys, RESET_DUE, "daily", 0.9, null, "{}", null, null, null, "{}", null, 1.0, "1d",
        yesterday, null, null, null);
    key(c, keys, UI_SESSION, null, 0.0, now.plus(1, ChronoUnit.HOURS), "{}", "admin",
        "litellm-dashboard", null, "{}", null, null, null, null, null, null, null);
    sql(c, "INSERT INTO \"LiteLLM_EndUserTable\" (user_id, alias, spend, budget_id, blocked) VALUES"
        + " ('cust-small', 'Small customer', 0.00005, 'b-cust-small', false),"
        + " ('cust-roomy', NULL, 1.25, 'b-cust-roomy', false),"
        + " ('cust-blocked', NULL, 0, NULL, true)");
    sql(c, "INSERT INTO \"LiteLLM_ProxyModelTable\" (model_id, model_name, litellm_params,"
        + " model_info, created_by, updated_by) VALUES ('m-1', 'll-gpt-4o', '{\"model\":"
        + " \"openai/gpt-4o\", \"input_cost_per_token\": 0.0000025, \"output_cost_per_token\":"
        + " 0.00001}', '{\"max_output_tokens\": 16384}', 'admin', 'admin')");
  }

  private static java.sql.Timestamp ts(Instant i) {
    // Prisma writes timestamp(3) in UTC; the session's zone must not shift it.
    return java.sql.Timestamp.valueOf(java.time.LocalDateTime.ofInstant(i, ZoneOffset.UTC));
  }

  private static void sql(Connection c, String sql, Object... args) throws Exception {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      s.executeUpdate();
    }
  }

  @SuppressWarnings("checkstyle:ParameterNumber")
  private static void key(Connection c, String sql, String secret, String alias, double spend,
      Instant expires, String models, String user, String team, String org, String metadata,
      Boolean blocked, Double maxBudget, String duration, Instant resetAt, Long rpm, Long tpm,
      Integer parallel) throws Exception {
    sql(c, sql, hash(secret), "sk-..." + secret.substring(secret.length() - 4), alias, spend,
        expires == null ? null : ts(expires), models, user, team, org, metadata, blocked,
        maxBudget, duration, resetAt == null ? null : ts(resetAt), rpm, tpm, parallel);
  }
}
