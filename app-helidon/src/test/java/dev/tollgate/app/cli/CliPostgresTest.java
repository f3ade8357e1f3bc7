package dev.tollgate.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.app.TestPostgres;
import dev.tollgate.app.report.SpendCsv;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The CLI as an operator runs it: one process-style invocation per command (configuration from
 * {@code tollgate.*} properties, the store opened and closed each time) against PostgreSQL (CI: the
 * machine's server via TOLLGATE_TEST_JDBC_URL, in a schema of its own).
 */
class CliPostgresTest {

  private final String schema =
      "tg_cli_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private final PrintStream stdout = System.out;
  private final PrintStream stderr = System.err;
  private final Level rootLevel = Logger.getLogger("").getLevel();

  private static String jdbcUrl() {
    return TestPostgres.jdbcUrl();
  }

  @BeforeEach
  void configure() {
    Map.of("tollgate.store.type", "postgres", "tollgate.store.jdbc-url", jdbcUrl(),
        "tollgate.store.schema", schema, "tollgate.store.migrate-at-start", "true",
        "tollgate.store.pool-size", "2").forEach(System::setProperty);
  }

  @AfterEach
  void cleanUp() throws Exception {
    System.setOut(stdout);
    System.setErr(stderr);
    List.of("type", "jdbc-url", "schema", "migrate-at-start", "pool-size")
        .forEach(k -> System.clearProperty("tollgate.store." + k));
    Logger.getLogger("").setLevel(rootLevel);
    TestPostgres.dropSchema(schema);
  }

  @Test
  void tenants_keys_budgets_prices_spend_and_audit_persist_from_one_invocation_to_the_next() {
    assertThat(tollgate("tenants", "create", "acme", "--name", "Acme").out())
        .startsWith("Created tenant acme.");
    assertThat(tollgate("teams", "create", "ml", "--tenant", "acme").out())
        .isEqualTo("Created team ml in tenant acme.\n");
    List<String> created = tollgate("keys", "create", "--tenant", "acme", "--team", "ml",
        "--alias", "ci").out().lines().toList();
    String secret = created.get(created.size() - 1);
    String id = created.get(0).replaceAll("^Created key (\\S+) for acme/ml\\.$", "$1");

    String list = tollgate("keys", "list", "--tenant", "acme", "--team", "ml").out();
    assertThat(list).contains(id, "ci", "sk-tg-…" + secret.substring(secret.length() - 4))
        .doesNotContain(secret);
    assertThat(tollgate("keys", "rotate", id, "--grace", "1h").out()).doesNotContain(secret);
    assertThat(tollgate("keys", "block", id).out()).isEqualTo("Blocked key " + id + ".\n");
    assertThat(tollgate("budgets", "set", "--tenant", "acme", "--team", "ml", "--limit", "5",
        "--period", "daily").out()).contains("5.00 USD daily");
    assertThat(tollgate("budgets", "show", "--tenant", "acme", "--team", "ml").out())
        .contains("scope      team acme/ml", "remaining  5.00");
    assertThat(tollgate("limits", "set", "--key", id, "--rpm", "60").out())
        .containsPattern("(?m)^rpm +60 per 60s"); // the column's width follows its longest label
    assertThat(tollgate("prices", "add", "--model", "gpt-4o", "--input", "2.50", "--output", "10",
        "--effective-from", "2026-01-01").out()).startsWith("added gpt-4o");
    assertThat(tollgate("prices", "list").out()).contains("gpt-4o  2026-01-01T00:00:00Z  2.50");
    assertThat(tollgate("spend", "export", "--from", "2026-01-01").out())
        .isEqualTo(SpendCsv.header());
    assertThat(tollgate("spend", "report", "--from", "2026-01-01").out())
        .contains("requests  0", "cost_usd  0.000000000");
    assertThat(tollgate("audit", "list", "--tenant", "acme").out())
        .contains("tenant.create", "team.create", "key.create", "key.rotate", "key.block",
            "budget.set", "rate-limit.set", "cli:").doesNotContain(secret);

    Invocation missing = run("keys", "show", "k-nobody");
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).isEqualTo("tollgate: not found: no such key (key 'k-nobody').\n");
  }

  private record Invocation(int code, String out, String err) {}

  private Invocation tollgate(String... args) {
    Invocation r = run(args);
    assertThat(r.code()).as("exit of %s: %s", String.join(" ", args), r.err()).isZero();
    return r;
  }

  private Invocation run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = CliMain.run(args);
      return new Invocation(code, out.toString(StandardCharsets.UTF_8),
          err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
    }
  }
}
