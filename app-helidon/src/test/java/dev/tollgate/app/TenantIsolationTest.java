package dev.tollgate.app;

import static dev.tollgate.app.GatewayHarness.MASTER_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.app.AdminClient.Reply;
import dev.tollgate.app.http.admin.AdminApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OWASP API1/API5: every admin route, walked with tenant A's admin key and A's plain key against
 * tenant B's ids, with bodies that would succeed for B's own admin. None may succeed, the
 * object routes answer 404 as if B did not exist, and B is unchanged afterwards.
 */
class TenantIsolationTest {

  private static GatewayHarness gw;
  private static AdminClient http;
  private static String aAdmin;
  private static String aPlain;
  private static String bKeyId;
  private static String bRequestId;
  private static String bAdmin;
  private static String bWebhookId;

  /** Bodies that are valid for each write route, so only authorization can refuse them. */
  private static final Map<String, String> BODIES = Map.ofEntries(
      Map.entry("POST /admin/v1/tenants", "{\"id\":\"iso-c\",\"name\":\"C\"}"),
      Map.entry("PATCH /admin/v1/tenants/{tenant}", "{\"name\":\"pwned\"}"),
      Map.entry("POST /admin/v1/tenants/{tenant}/teams", "{\"id\":\"intruders\"}"),
      Map.entry("PATCH /admin/v1/tenants/{tenant}/teams/{team}", "{\"name\":\"pwned\"}"),
      Map.entry("PUT /admin/v1/tenants/{tenant}/limits", "{\"rpm\":1}"),
      Map.entry("PUT /admin/v1/tenants/{tenant}/teams/{team}/limits", "{\"rpm\":1}"),
      Map.entry("PUT /admin/v1/tenants/{tenant}/end-users/{user}/limits", "{\"rpm\":1}"),
      Map.entry("POST /admin/v1/keys", "{\"tenant\":\"iso-b\",\"alias\":\"x\"}"),
      Map.entry("POST /admin/v1/webhooks", "{\"tenant\":\"iso-b\",\"url\":\"http://127.0.0.1:9/x\","
          + "\"events\":[\"key.blocked\"]}"),
      Map.entry("PATCH /admin/v1/keys/{key}", "{\"alias\":\"pwned\"}"),
      Map.entry("POST /admin/v1/keys/{key}/rotate", "{}"),
      Map.entry("PUT /admin/v1/keys/{key}/limits", "{\"budget\":{\"limit_usd\":\"0\"}}"),
      Map.entry("POST /admin/v1/prices/import", "{\"sim-small\":{\"input_cost_per_token\":0,"
          + "\"output_cost_per_token\":0}}"),
      Map.entry("POST /admin/v1/prices",
          "{\"model\":\"sim-small\",\"input_usd_per_mtok\":\"0\",\"output_usd_per_mtok\":\"0\"}"),
      Map.entry("POST /admin/v1/models", "{\"name\":\"iso-model\"}"),
      Map.entry("PUT /admin/v1/models/{model}", "{\"max_output_tokens\":1}"),
      Map.entry("PATCH /admin/v1/models/{model}", "{\"max_output_tokens\":1}"));

  /** Routes that are not B's objects: they may answer 200, but must show nothing of B's. */
  private static final Set<String> SHARED = Set.of("GET /admin/v1/tenants",
      "GET /admin/v1/prices", "GET /admin/v1/models/{model}");

  /** Platform routes a tenant admin is refused (403) whatever the ids. */
  private static final Set<String> PLATFORM = Set.of("POST /admin/v1/tenants",
      "POST /admin/v1/prices", "POST /admin/v1/prices/import", "POST /admin/v1/models",
      "PUT /admin/v1/models/{model}", "PATCH /admin/v1/models/{model}",
      "DELETE /admin/v1/models/{model}");

  @BeforeAll
  static void twoTenants() {
    gw = GatewayHarness.simulated(java.time.Duration.ZERO);
    http = new AdminClient(gw.base());
    for (String t : List.of("iso-a", "iso-b")) {
      http.post("/admin/v1/tenants", MASTER_KEY, "{\"id\":\"" + t + "\",\"name\":\"" + t + "\"}");
      http.post("/admin/v1/tenants/" + t + "/teams", MASTER_KEY, "{\"id\":\"ml\"}");
    }
    aAdmin = key("iso-a", "tenant_admin");
    aPlain = key("iso-a", "inference");
    bAdmin = key("iso-b", "tenant_admin");
    Reply bKey = http.post("/admin/v1/keys", MASTER_KEY,
        "{\"tenant\":\"iso-b\",\"team\":\"ml\",\"budget\":{\"limit_usd\":\"5\"}}");
    bKeyId = bKey.json().path("id").asText();
    bWebhookId = http.post("/admin/v1/webhooks", MASTER_KEY, "{\"tenant\":\"iso-b\",\"url\":"
        + "\"http://127.0.0.1:9/b\",\"events\":[\"key.blocked\"]}").json().path("id").asText();
    Reply call = http.post("/v1/chat/completions", bKey.json().path("key").asText(),
        "{\"model\":\"sim-small\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    bRequestId = call.headers().get("x-request-id").get(0);
    Eventually.await(() -> http.get("/admin/v1/spend/requests/" + bRequestId, MASTER_KEY)
        .status() == 200, "B's ledger entry");
  }

  private static String key(String tenant, String role) {
    return http.post("/admin/v1/keys", MASTER_KEY,
        "{\"tenant\":\"" + tenant + "\",\"role\":\"" + role + "\"}").json().path("key").asText();
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  @Test
  void noAdminRouteLetsTenantAReachTenantB() {
    List<String> routes = AdminApi.describe(new ObjectMapper());
    assertThat(routes).hasSizeGreaterThan(25);
    List<String> breaches = new ArrayList<>();
    for (String route : routes) {
      Reply asAdmin = call(route, aAdmin);
      boolean leaked = asAdmin.text().contains("iso-b") || asAdmin.text().contains(bKeyId)
          || asAdmin.text().contains(bRequestId);
      int expected = PLATFORM.contains(route) ? 403 : SHARED.contains(route) ? 200 : 404;
      if (asAdmin.status() != expected || leaked) {
        breaches.add("tenant admin: " + route + " -> " + asAdmin.status() + " " + asAdmin.text());
      }
      Reply asPlain = call(route, aPlain);
      if (asPlain.status() != 401) {
        breaches.add("plain key: " + route + " -> " + asPlain.status() + " " + asPlain.text());
      }
    }
    assertThat(breaches).isEmpty();
  }

  @Test
  void tenantBIsUnchangedAndItsOwnAdminStillSeesIt() {
    noAdminRouteLetsTenantAReachTenantB();
    Reply key = http.get("/admin/v1/keys/" + bKeyId, bAdmin);
    assertThat(key.status()).isEqualTo(200);
    assertThat(key.json().path("alias").asText()).isEmpty();
    assertThat(key.json().path("blocked").asBoolean()).isFalse();
    assertThat(http.get("/admin/v1/tenants/iso-b", bAdmin).json().path("name").asText())
        .isEqualTo("iso-b");
    assertThat(http.get("/admin/v1/tenants/iso-b/teams", bAdmin).json().path("data")).hasSize(1);
    assertThat(http.get("/admin/v1/spend/requests/" + bRequestId, bAdmin).status()).isEqualTo(200);
    assertThat(http.get("/admin/v1/keys/" + bKeyId + "/limits", bAdmin).json()
        .path("budget").path("limit_usd").asText()).isEqualTo("5.00");
    Reply audit = http.get("/admin/v1/audit", aAdmin);
    assertThat(audit.text()).doesNotContain("iso-b");
  }

  @Test
  void spendRoutesFilteredByTenantBsKeyAnswer404AsIfItDidNotExist() {
    for (String route : List.of("/admin/v1/spend", "/admin/v1/spend?group_by=model",
        "/admin/v1/spend?group_by=day,key", "/admin/v1/spend/entries",
        "/admin/v1/spend/export.csv")) {
      String path = route + (route.contains("?") ? "&" : "?") + "key=" + bKeyId;
      Reply asAdmin = http.get(path, aAdmin);
      assertThat(asAdmin.status()).as(path).isEqualTo(404);
      assertThat(asAdmin.text()).as(path).doesNotContain(bRequestId);
      assertThat(http.get(path + "&tenant=iso-a", aAdmin).status()).as(path).isEqualTo(404);
      assertThat(http.get(path, bAdmin).status()).as(path + " for B's own admin").isEqualTo(200);
    }
  }

  private static Reply call(String route, String credential) {
    String method = route.substring(0, route.indexOf(' '));
    String template = route.substring(route.indexOf(' ') + 1);
    String path = template.replace("{tenant}", "iso-b").replace("{team}", "ml")
        .replace("{key}", bKeyId).replace("{request}", bRequestId).replace("{user}", "cust-b")
        .replace("{webhook}", bWebhookId).replace("{model}", "sim-small");
    if (method.equals("GET") && !template.contains("{")) {
      path += "?tenant=iso-b";
    }
    return http.call(method, path, credential, BODIES.get(route));
  }
}
