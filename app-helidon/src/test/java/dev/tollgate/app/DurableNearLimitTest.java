package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.app.config.StoreSettings;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clamp policy on the durable store (PostgreSQL behind the budget leases and the journal) with
 * the simulated data plane, which generates up to the bound it is sent: the last request of a
 * small budget is answered, shorter, instead of refused.
 */
class DurableNearLimitTest {

  @TempDir Path dir;
  private final String schema =
      "tg_near_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  private StoreSettings postgres() {
    return new StoreSettings("postgres", Optional.of(TestPostgres.jdbcUrl()), schema, true,
        dir.resolve("pgdata"), dir.resolve("journal"), 4);
  }

  @AfterEach
  void dropSchema() throws Exception {
    TestPostgres.dropSchema(schema);
  }

  @Test
  void a_clamping_tenants_last_request_is_answered_shorter_and_a_refusing_ones_is_refused() {
    try (GatewayHarness gateway = GatewayHarness.simulated(postgres())) {
      AdminClient admin = new AdminClient(gateway.base());
      String clamping = keyOf(admin, "clamping", "clamp");
      String refusing = keyOf(admin, "refusing", "refuse");
      String body = "{\"model\":\"sim-small\",\"max_tokens\":4000,"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"tell me everything\"}]}";

      AdminClient.Reply shorter = admin.post("/v1/chat/completions", clamping, body);
      AdminClient.Reply refused = admin.post("/v1/chat/completions", refusing, body);

      assertThat(shorter.status()).as(shorter.text()).isEqualTo(200);
      long clamped = Long.parseLong(shorter.headers().get("x-tollgate-max-tokens-clamped").get(0));
      assertThat(clamped).isBetween(16L, 103L); // $0.000041 pays at most 102 tokens out
      assertThat(shorter.json().path("usage").path("completion_tokens").asLong())
          .isLessThanOrEqualTo(clamped);
      assertThat(refused.status()).isEqualTo(429);
      assertThat(refused.errorCode()).isEqualTo("insufficient_quota");
    }
  }

  /** A tenant with the given action and a key whose budget pays for about 100 output tokens. */
  private static String keyOf(AdminClient admin, String tenant, String action) {
    assertThat(admin.post("/admin/v1/tenants", GatewayHarness.MASTER_KEY, "{\"id\":\"" + tenant
        + "\",\"name\":\"" + tenant + "\",\"budget_exhausted_action\":\"" + action + "\","
        + "\"min_output_tokens\":16}").status()).isEqualTo(201);
    AdminClient.Reply key = admin.post("/admin/v1/keys", GatewayHarness.MASTER_KEY,
        "{\"tenant\":\"" + tenant + "\",\"budget\":{\"limit_usd\":\"0.000041\"}}");
    assertThat(key.status()).as(key.text()).isEqualTo(201);
    return key.json().path("key").asText();
  }
}
