package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.tollgate.app.config.StoreSettings;
import dev.tollgate.domain.money.Money;
import dev.tollgate.port.in.IssuedKey;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service on PostgreSQL (CI: the machine's server via TOLLGATE_TEST_JDBC_URL, in a schema of
 * its own): keys and spend survive a restart, and a server that may not migrate refuses an old
 * schema, naming the versions.
 */
class DurableStoreTest {

  @TempDir Path dir;
  private final String schema = "tg_app_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  private static String jdbcUrl() {
    return TestPostgres.jdbcUrl();
  }

  private StoreSettings postgres(boolean migrateAtStart) {
    return new StoreSettings("postgres", Optional.of(jdbcUrl()), schema, migrateAtStart,
        dir.resolve("pgdata"), dir.resolve("journal"), 4);
  }

  @AfterEach
  void dropSchema() throws Exception {
    TestPostgres.dropSchema(schema);
  }

  @Test
  void keys_budgets_and_spend_survive_a_restart() {
    IssuedKey key;
    Money spentBefore;
    try (GatewayHarness first = GatewayHarness.simulated(postgres(true))) {
      key = first.key(Money.usd("1.00"), null, null, null);
      call(first, key);
      call(first, key);
      spentBefore = first.spentBy(key);
      assertThat(first.ledgerOf(key)).hasSize(2);
    }
    try (GatewayHarness second = GatewayHarness.simulated(postgres(false))) {
      call(second, key);

      assertThat(second.ledgerOf(key)).hasSize(3);
      assertThat(second.spentBy(key).isGreaterThan(spentBefore)).isTrue();
      var budget = second.tollgate().spend().budget(
          dev.tollgate.domain.budget.Scope.key(key.key().id())).orElseThrow();
      assertThat(budget.posted()).isEqualTo(second.spentBy(key));
    }
  }

  @Test
  void the_admin_api_keeps_tenants_keys_rotations_and_the_audit_log_across_a_restart() {
    String id;
    String rotated;
    try (GatewayHarness first = GatewayHarness.simulated(postgres(true))) {
      AdminClient admin = new AdminClient(first.base());
      assertThat(admin.post("/admin/v1/tenants", GatewayHarness.MASTER_KEY,
          "{\"id\":\"durable\",\"name\":\"Durable Inc\",\"metadata\":{\"tier\":\"gold\"}}")
          .status()).isEqualTo(201);
      AdminClient.Reply key = admin.post("/admin/v1/keys", GatewayHarness.MASTER_KEY,
          "{\"tenant\":\"durable\",\"alias\":\"svc\",\"budget\":{\"limit_usd\":\"3\"}}");
      id = key.json().path("id").asText();
      AdminClient.Reply rotation = admin.post("/admin/v1/keys/" + id + "/rotate",
          GatewayHarness.MASTER_KEY, "{\"grace_period_seconds\":600}");
      rotated = rotation.json().path("key").asText();
      assertThat(admin.post("/v1/chat/completions", key.json().path("key").asText(),
          "{\"model\":\"sim-small\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")
          .status()).as("the old secret within its grace").isEqualTo(200);
    }
    try (GatewayHarness second = GatewayHarness.simulated(postgres(false))) {
      AdminClient admin = new AdminClient(second.base());
      assertThat(admin.get("/admin/v1/tenants/durable", GatewayHarness.MASTER_KEY).json()
          .path("metadata").path("tier").asText()).isEqualTo("gold");
      AdminClient.Reply list = admin.get("/admin/v1/keys?tenant=durable", GatewayHarness.MASTER_KEY);
      assertThat(list.json().path("data").get(0).path("id").asText()).isEqualTo(id);
      assertThat(list.json().path("data").get(0).path("previous_key_valid_until").isNull()).isFalse();
      assertThat(admin.get("/v1/key/status", rotated).status()).isEqualTo(200);
      Eventually.await(() -> admin.get("/admin/v1/spend?tenant=durable&group_by=model",
          GatewayHarness.MASTER_KEY).json().path("total").path("requests").asLong() == 1,
          "the spend of the first run");
      AdminClient.Reply audit = admin.get("/admin/v1/audit?tenant=durable", GatewayHarness.MASTER_KEY);
      assertThat(audit.text()).contains("key.rotate").contains("key.create").contains("tenant.create")
          .doesNotContain(rotated);
    }
  }

  @Test
  void a_server_that_may_not_migrate_refuses_an_unmigrated_schema_naming_the_versions() {
    assertThatThrownBy(() -> GatewayHarness.simulated(postgres(false)).close())
        .hasStackTraceContaining("is at version none but this server needs version")
        .hasStackTraceContaining("tollgate migrate");
  }

  private static void call(GatewayHarness gateway, IssuedKey key) {
    OpenAIOkHttpClient.builder().apiKey(key.secret().reveal()).baseUrl(gateway.base() + "/v1")
        .maxRetries(0).build()
        .chat().completions().create(ChatCompletionCreateParams.builder()
            .model("sim-small").addUserMessage("persist me").build());
  }
}
