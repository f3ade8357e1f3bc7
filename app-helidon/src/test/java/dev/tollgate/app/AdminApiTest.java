package dev.tollgate.app;

import static dev.tollgate.app.GatewayHarness.MASTER_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.app.AdminClient.Reply;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The admin API end to end over HTTP, in memory: what an operator and a tenant admin do. */
class AdminApiTest {

  private static GatewayHarness gw;
  private static AdminClient admin;

  @BeforeAll
  static void start() {
    gw = GatewayHarness.simulated(java.time.Duration.ZERO);
    admin = new AdminClient(gw.base());
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  private static String chat(String key) {
    return admin.post("/v1/chat/completions", key,
        "{\"model\":\"sim-small\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
            + "\"max_tokens\":8}").text();
  }

  @Test
  void anOperatorCreatesATenantATeamAndAKeyWhoseSecretIsShownOnce() {
    Reply tenant = admin.post("/admin/v1/tenants", MASTER_KEY,
        "{\"id\":\"globex\",\"name\":\"Globex\",\"models\":[\"sim-small\"],"
            + "\"aliases\":{\"fast\":\"sim-small\"},\"objective\":\"batch\",\"metadata\":{\"cc\":\"42\"}}");
    assertThat(tenant.status()).as(tenant.text()).isEqualTo(201);
    assertThat(tenant.json().path("aliases").path("fast").asText()).isEqualTo("sim-small");

    Reply team = admin.post("/admin/v1/tenants/globex/teams", MASTER_KEY,
        "{\"id\":\"ml\",\"name\":\"ML\"}");
    assertThat(team.status()).as(team.text()).isEqualTo(201);

    Reply key = admin.post("/admin/v1/keys", MASTER_KEY,
        "{\"tenant\":\"globex\",\"team\":\"ml\",\"alias\":\"ci\",\"budget\":{\"limit_usd\":\"1.00\","
            + "\"period\":\"monthly\",\"soft_limit_usd\":\"0.50\"},\"rpm\":100,\"max_parallel\":3}");
    assertThat(key.status()).as(key.text()).isEqualTo(201);
    String secret = key.json().path("key").asText();
    String id = key.json().path("id").asText();
    assertThat(secret).startsWith("sk-tg-");
    assertThat(key.json().path("masked_key").asText()).endsWith(secret.substring(secret.length() - 4));

    Reply read = admin.get("/admin/v1/keys/" + id, MASTER_KEY);
    Reply list = admin.get("/admin/v1/keys?tenant=globex&team=ml", MASTER_KEY);
    assertThat(read.text()).doesNotContain(secret);
    assertThat(list.text()).doesNotContain(secret).contains(id);
    assertThat(list.json().path("data")).hasSize(1);

    assertThat(chat(secret)).contains("choices");
    Eventually.await(() -> admin.get("/admin/v1/keys/" + id + "/limits", MASTER_KEY).json()
        .path("budget").path("posted_usd").asText().matches("0\\.0*[1-9].*"), "posted spend");
    JsonNode limits = admin.get("/admin/v1/keys/" + id + "/limits", MASTER_KEY).json();
    assertThat(new BigDecimal(limits.path("budget").path("limit_usd").asText())).isEqualByComparingTo("1");
    assertThat(limits.path("rpm").path("used").asLong()).isEqualTo(1);
    assertThat(limits.path("parallel").path("max_in_flight").asInt()).isEqualTo(3);
    BigDecimal remaining = new BigDecimal(limits.path("budget").path("remaining_usd").asText());
    BigDecimal posted = new BigDecimal(limits.path("budget").path("posted_usd").asText());
    assertThat(remaining.add(posted)).isEqualByComparingTo("1");

    Reply spend = admin.get("/admin/v1/spend?tenant=globex&group_by=key", MASTER_KEY);
    assertThat(spend.status()).as(spend.text()).isEqualTo(200);
    assertThat(spend.json().path("total").path("cost_usd").asText())
        .isEqualTo(limits.path("budget").path("posted_usd").asText());
    assertThat(spend.json().path("groups").get(0).path("group").asText()).isEqualTo(id);
  }

  @Test
  void aTenantAdminManagesItsOwnTenantsKeysButNotTheTenantsCaps() {
    admin.post("/admin/v1/tenants", MASTER_KEY, "{\"id\":\"initech\",\"name\":\"Initech\"}");
    Reply tadmin = admin.post("/admin/v1/keys", MASTER_KEY,
        "{\"tenant\":\"initech\",\"role\":\"tenant_admin\",\"alias\":\"ops\"}");
    String ta = tadmin.json().path("key").asText();

    Reply minted = admin.post("/admin/v1/keys", ta, "{\"alias\":\"svc\",\"tpm\":1000}");
    assertThat(minted.status()).as(minted.text()).isEqualTo(201);
    assertThat(minted.json().path("tenant").asText()).isEqualTo("initech");

    assertThat(admin.call("PUT", "/admin/v1/tenants/initech/limits", ta,
        "{\"rpm\":5}").status()).isEqualTo(403);
    assertThat(admin.post("/admin/v1/keys", ta, "{\"role\":\"tenant_admin\"}").status())
        .isEqualTo(403);
    assertThat(chat(ta)).contains("wrong_key_role");
    String plain = minted.json().path("key").asText();
    assertThat(admin.get("/admin/v1/keys?tenant=initech", plain).errorCode())
        .isEqualTo("wrong_key_role");
    assertThat(admin.get("/admin/v1/tenants", ta).json().path("data")).hasSize(1);
  }

  @Test
  void rotationKeepsTheOldSecretForItsGraceOnly() {
    Reply key = admin.post("/admin/v1/keys", MASTER_KEY, "{\"tenant\":\"acme\",\"alias\":\"rot\"}");
    String id = key.json().path("id").asText();
    String old = key.json().path("key").asText();

    Reply graceful = admin.post("/admin/v1/keys/" + id + "/rotate", MASTER_KEY,
        "{\"grace_period_seconds\":3600}");
    assertThat(graceful.status()).as(graceful.text()).isEqualTo(200);
    String fresh = graceful.json().path("key").asText();
    assertThat(fresh).isNotEqualTo(old);
    assertThat(chat(old)).contains("choices");
    assertThat(chat(fresh)).contains("choices");

    Reply now = admin.post("/admin/v1/keys/" + id + "/rotate", MASTER_KEY, "{}");
    String newest = now.json().path("key").asText();
    assertThat(chat(fresh)).contains("invalid_api_key");
    assertThat(chat(old)).contains("invalid_api_key");
    assertThat(chat(newest)).contains("choices");
  }

  @Test
  void blockingAndDeactivatingStopKeysAtOnce() {
    admin.post("/admin/v1/tenants", MASTER_KEY, "{\"id\":\"hooli\",\"name\":\"Hooli\"}");
    Reply key = admin.post("/admin/v1/keys", MASTER_KEY, "{\"tenant\":\"hooli\"}");
    String id = key.json().path("id").asText();
    String secret = key.json().path("key").asText();

    admin.post("/admin/v1/keys/" + id + "/block", MASTER_KEY, null);
    assertThat(chat(secret)).contains("key_blocked");
    admin.post("/admin/v1/keys/" + id + "/unblock", MASTER_KEY, null);
    assertThat(chat(secret)).contains("choices");

    assertThat(admin.call("PATCH", "/admin/v1/tenants/hooli", MASTER_KEY, "{\"active\":false}")
        .status()).isEqualTo(200);
    assertThat(chat(secret)).contains("organization_inactive");
    assertThat(admin.call("DELETE", "/admin/v1/tenants/hooli", MASTER_KEY, null).status())
        .isEqualTo(409);
    admin.call("DELETE", "/admin/v1/keys/" + id, MASTER_KEY, null);
    assertThat(admin.call("DELETE", "/admin/v1/tenants/hooli", MASTER_KEY, null).status())
        .isEqualTo(200);
    assertThat(admin.get("/admin/v1/tenants/hooli", MASTER_KEY).status()).isEqualTo(404);
  }

  @Test
  void aRetriedCreateWithTheSameIdempotencyKeyMakesOneKey() {
    Map<String, String> idem = Map.of("Idempotency-Key", "create-once-1");
    String body = "{\"tenant\":\"acme\",\"alias\":\"idem\",\"metadata\":{\"a\":\"1\",\"b\":\"2\"}}";
    Reply first = admin.call("POST", "/admin/v1/keys", MASTER_KEY, body, idem);
    Reply again = admin.call("POST", "/admin/v1/keys", MASTER_KEY, body, idem);
    Reply other = admin.call("POST", "/admin/v1/keys", MASTER_KEY,
        "{\"tenant\":\"acme\",\"alias\":\"different\"}", idem);

    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).as(again.text()).isEqualTo(200);
    assertThat(again.json().path("id").asText()).isEqualTo(first.json().path("id").asText());
    assertThat(again.json().path("replayed").asBoolean()).isTrue();
    assertThat(again.json().path("key").isNull()).isTrue();
    assertThat(other.status()).isEqualTo(409);
  }

  @Test
  void badInputIsA400NamingTheField() {
    assertField(admin.post("/admin/v1/keys", MASTER_KEY, "{\"tenant\":\"acme\",\"colour\":\"red\"}"), "colour");
    assertField(admin.post("/admin/v1/keys", MASTER_KEY, "{\"tenant\":\"acme\",\"rpm\":\"ten\"}"), "rpm");
    assertField(admin.post("/admin/v1/keys", MASTER_KEY,
        "{\"tenant\":\"acme\",\"budget\":{\"limit_usd\":\"-1\"}}"), "budget.limit_usd");
    assertField(admin.post("/admin/v1/keys", MASTER_KEY,
        "{\"tenant\":\"acme\",\"alias\":\"" + "x".repeat(129) + "\"}"), "alias");
    assertField(admin.post("/admin/v1/keys", MASTER_KEY,
        "{\"tenant\":\"acme\",\"models\":[\"no-such-model\"]}"), "models");
    assertField(admin.post("/admin/v1/keys", MASTER_KEY,
        "{\"tenant\":\"acme\",\"expires_at\":\"tomorrow\"}"), "expires_at");
    assertField(admin.get("/admin/v1/keys?tenant=acme&limit=5000", MASTER_KEY), "limit");
    assertField(admin.post("/admin/v1/tenants", MASTER_KEY, "{\"id\":\"has space\",\"name\":\"x\"}"), "id");
    assertField(admin.get("/admin/v1/spend?from=2026-01-01&to=2020-01-01", MASTER_KEY), "to");
    assertField(admin.post("/admin/v1/keys", MASTER_KEY,
        "{\"tenant\":\"acme\",\"alias\":\"a\\u0000b\"}"), "alias");
    assertField(admin.post("/admin/v1/keys", MASTER_KEY,
        "{\"tenant\":\"acme\",\"metadata\":{\"k\":\"\\u0000\"}}"), "metadata");
    Reply notJson = admin.post("/admin/v1/tenants", MASTER_KEY, "{nope");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(admin.post("/admin/v1/tenants", null, "{}").status()).isEqualTo(401);
    assertThat(admin.post("/admin/v1/tenants", "wrong", "{}").status()).isEqualTo(401);
  }

  @Test
  void aTenantsPoliciesNearTheLimitArePatchedKeptAndValidated() {
    admin.post("/admin/v1/tenants", MASTER_KEY, "{\"id\":\"vandelay\",\"name\":\"Vandelay\"}");
    Reply fresh = admin.get("/admin/v1/tenants/vandelay", MASTER_KEY);
    assertThat(fresh.json().path("budget_exhausted_action").asText()).isEqualTo("refuse");
    assertThat(fresh.json().path("min_output_tokens").asLong()).isEqualTo(64);
    assertThat(fresh.json().path("soft_budget_action").asText()).isEqualTo("none");
    assertThat(fresh.json().path("demoted_objective").asText()).isEqualTo("sheddable");

    Reply patched = admin.call("PATCH", "/admin/v1/tenants/vandelay", MASTER_KEY,
        "{\"budget_exhausted_action\":\"clamp\",\"min_output_tokens\":32,"
            + "\"soft_budget_action\":\"demote\",\"demoted_objective\":\"batch\"}");
    Reply renamed = admin.call("PATCH", "/admin/v1/tenants/vandelay", MASTER_KEY,
        "{\"name\":\"Vandelay Industries\"}");

    assertThat(patched.status()).as(patched.text()).isEqualTo(200);
    assertThat(renamed.json().path("budget_exhausted_action").asText()).isEqualTo("clamp");
    assertThat(renamed.json().path("min_output_tokens").asLong()).isEqualTo(32);
    assertThat(renamed.json().path("soft_budget_action").asText()).isEqualTo("demote");
    assertThat(renamed.json().path("demoted_objective").asText()).isEqualTo("batch");
    assertField(admin.call("PATCH", "/admin/v1/tenants/vandelay", MASTER_KEY,
        "{\"budget_exhausted_action\":\"shrink\"}"), "budget_exhausted_action");
    assertField(admin.call("PATCH", "/admin/v1/tenants/vandelay", MASTER_KEY,
        "{\"min_output_tokens\":0}"), "min_output_tokens");
    assertField(admin.call("PATCH", "/admin/v1/tenants/vandelay", MASTER_KEY,
        "{\"demoted_objective\":\"two words\"}"), "demoted_objective");
    assertThat(admin.get("/admin/v1/audit?tenant=vandelay", MASTER_KEY).text())
        .contains("budget_exhausted_action");
  }

  private static void assertField(Reply reply, String param) {
    assertThat(reply.status()).as(reply.text()).isEqualTo(400);
    assertThat(reply.json().path("error").path("param").asText()).isEqualTo(param);
  }

  @Test
  void theAuditLogRecordsWhoChangedWhatWithoutSecrets() {
    Reply key = admin.post("/admin/v1/keys", MASTER_KEY, "{\"tenant\":\"acme\",\"alias\":\"audited\"}");
    String id = key.json().path("id").asText();
    String secret = key.json().path("key").asText();
    Reply patched = admin.call("PATCH", "/admin/v1/keys/" + id, MASTER_KEY,
        "{\"alias\":\"renamed\",\"rpm\":9}");
    assertThat(patched.status()).as(patched.text()).isEqualTo(200);
    assertThat(admin.get("/admin/v1/keys/" + id + "/limits", MASTER_KEY).json()
        .path("rpm").path("limit").asLong()).isEqualTo(9);
    Reply rotated = admin.post("/admin/v1/keys/" + id + "/rotate", MASTER_KEY, "{}");

    Reply audit = admin.get("/admin/v1/audit?tenant=acme&limit=1000", MASTER_KEY);
    assertThat(audit.status()).isEqualTo(200);
    assertThat(audit.text()).doesNotContain(secret)
        .doesNotContain(rotated.json().path("key").asText());
    JsonNode update = null;
    for (JsonNode e : audit.json().path("data")) {
      if (e.path("object_id").asText().equals(id) && e.path("action").asText().equals("key.update")) {
        update = e;
      }
    }
    assertThat(update).isNotNull();
    assertThat(update.path("actor").asText()).isEqualTo("master-key");
    assertThat(update.path("before").path("alias").asText()).isEqualTo("audited");
    assertThat(update.path("after").path("alias").asText()).isEqualTo("renamed");
  }

  @Test
  void aKeyReadsItsOwnStatus() {
    Reply key = admin.post("/admin/v1/keys", MASTER_KEY,
        "{\"tenant\":\"acme\",\"budget\":{\"limit_usd\":\"2\",\"period\":\"daily\"},\"rpm\":7}");
    String secret = key.json().path("key").asText();
    chat(secret);

    Reply status = admin.get("/v1/key/status", secret);
    assertThat(status.status()).as(status.text()).isEqualTo(200);
    assertThat(status.json().path("key").path("id").asText()).isEqualTo(key.json().path("id").asText());
    assertThat(status.json().path("limits").get(0).path("rpm").path("limit").asLong()).isEqualTo(7);
    Eventually.await(() -> admin.get("/v1/key/status", secret).json().path("spend")
        .path("requests").asLong() == 1, "spend recorded");
    assertThat(admin.get("/v1/key/status", "sk-tg-nope").status()).isEqualTo(401);
  }

  @Test
  void theSpendExportIsCsvWhoseCostsSumToTheReportTotal() {
    admin.post("/admin/v1/tenants", MASTER_KEY, "{\"id\":\"csvco\",\"name\":\"=cmd|' /C calc'!A0\"}");
    String secret = admin.post("/admin/v1/keys", MASTER_KEY,
        "{\"tenant\":\"csvco\",\"alias\":\"csv\"}").json().path("key").asText();
    for (int i = 0; i < 3; i++) {
      chat(secret);
    }
    Eventually.await(() -> admin.get("/admin/v1/spend?tenant=csvco", MASTER_KEY).json()
        .path("total").path("requests").asLong() == 3, "three entries");

    Reply csv = admin.get("/admin/v1/spend/export.csv?tenant=csvco", MASTER_KEY);
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.headers().get("content-type").get(0)).startsWith("text/csv");
    String[] lines = csv.text().split("\r\n");
    assertThat(lines).hasSize(4);
    int costColumn = java.util.Arrays.asList(lines[0].split(",")).indexOf("cost_usd");
    BigDecimal sum = BigDecimal.ZERO;
    for (int i = 1; i < lines.length; i++) {
      sum = sum.add(new BigDecimal(lines[i].split(",")[costColumn]));
    }
    BigDecimal total = new BigDecimal(admin.get("/admin/v1/spend?tenant=csvco", MASTER_KEY).json()
        .path("total").path("cost_usd").asText());
    assertThat(sum).isEqualByComparingTo(total);
    assertThat(admin.get("/admin/v1/spend/export.csv?from=x", MASTER_KEY).status()).isEqualTo(400);
  }

  @Test
  void aPriceFileWithAProblemForAServedModelImportsNothingAsTheCliDoes() {
    String file = "{\"sim-small\":{\"input_cost_per_token\":1.5e-07,\"output_cost_per_token\":6e-07},"
        + "\"sim-large\":{\"input_cost_per_token\":-1e-06,\"output_cost_per_token\":6e-07}}";

    Reply refused = admin.post("/admin/v1/prices/import?effective_from=2032-01-01T00:00:00Z",
        MASTER_KEY, file);

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.errorCode()).isEqualTo("price_file_problems");
    assertThat(refused.json().path("added")).isEmpty();
    assertThat(refused.json().path("problems").toString()).contains("sim-large", "negative");
    assertThat(admin.get("/admin/v1/prices", MASTER_KEY).text()).doesNotContain("2032-01-01");
  }

  @Test
  void aLiteLlmPriceFileAddsVersionsForTheServedModelsItPrices() throws Exception {
    byte[] file;
    try (var in = getClass().getResourceAsStream("/litellm/model_prices_and_context_window.json")) {
      file = in.readAllBytes();
    }
    String withSim = "{\"sim-small\":{\"input_cost_per_token\":1.5e-07,"
        + "\"output_cost_per_token\":6e-07,\"litellm_provider\":\"openai\",\"mode\":\"chat\"},"
        + new String(file, java.nio.charset.StandardCharsets.UTF_8).strip().substring(1);

    Reply imported = admin.post("/admin/v1/prices/import?effective_from=2030-01-01T00%3A00%3A00Z",
        MASTER_KEY, withSim);
    assertThat(imported.status()).as(imported.text()).isEqualTo(200);
    assertThat(imported.json().path("added")).hasSize(1);
    assertThat(imported.json().path("added").get(0).path("input_usd_per_mtok").asText())
        .isEqualTo("0.15");
    assertThat(imported.json().path("unpriced").toString()).contains("sim-large", "sim-embed");
    Reply again = admin.post("/admin/v1/prices/import?effective_from=2030-01-01T00%3A00%3A00Z",
        MASTER_KEY, withSim);
    assertThat(again.json().path("added")).isEmpty();
    assertThat(again.json().path("unchanged")).hasSize(1);
    assertThat(admin.get("/admin/v1/prices", MASTER_KEY).text()).contains("2030-01-01T00:00:00Z");
    assertThat(admin.post("/admin/v1/prices/import", MASTER_KEY, "[1,2]").status()).isEqualTo(400);
    Reply later = admin.post("/admin/v1/prices/import?effective_from=2031-01-01T00:00:00Z",
        MASTER_KEY, withSim);
    assertThat(later.json().path("added")).as("the same prices, later: nothing new").isEmpty();
    assertThat(later.json().path("counts").path("unchanged").asInt()).isEqualTo(1);
    Reply unencoded =
        admin.get("/admin/v1/spend?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z", MASTER_KEY);
    assertThat(unencoded.status()).as(unencoded.text()).isEqualTo(200);
  }
}
