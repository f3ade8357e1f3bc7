package dev.tollgate.app;

import static dev.tollgate.app.GatewayHarness.MASTER_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.app.AdminClient.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A tenant admin key on LiteLLM's paths gets what it gets on /admin/v1: its own tenant only.
 * Tenant B's keys, teams, customers and budgets are "not found" to A's admin, nothing of B's
 * appears in A's answers, and B is unchanged afterwards. And every refusal is in LiteLLM's error
 * shape, with the status as a string code.
 */
class LitellmIsolationTest {

  private static GatewayHarness gw;
  private static AdminClient http;
  private static String adminA;
  private static String adminB;
  private static String keyB;
  private static String keyBId;

  @BeforeAll
  static void start() {
    gw = GatewayHarness.simulated(Duration.ZERO);
    http = new AdminClient(gw.base());
    adminA = mintAdmin("org-a");
    adminB = mintAdmin("org-b");
    ok(http.post("/team/new", adminB, "{\"team_id\":\"shared-name\",\"max_budget\":9}"));
    Reply made = ok(http.post("/key/generate", adminB,
        "{\"team_id\":\"shared-name\",\"key_alias\":\"b-key\",\"max_budget\":3}"));
    keyB = made.json().path("key").asText();
    keyBId = made.json().path("token").asText();
    ok(http.post("/customer/new", adminB, "{\"user_id\":\"bob\",\"max_budget\":2}"));
    ok(http.post("/budget/new", adminB, "{\"budget_id\":\"b-tier\",\"max_budget\":1}"));
    ok(http.post("/v1/chat/completions", keyB,
        "{\"model\":\"sim-small\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  private static Reply ok(Reply r) {
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r;
  }

  private static String mintAdmin(String tenant) {
    http.post("/admin/v1/tenants", MASTER_KEY, "{\"id\":\"" + tenant + "\",\"name\":\"T\"}");
    return http.post("/admin/v1/keys", MASTER_KEY, "{\"tenant\":\"" + tenant
        + "\",\"role\":\"tenant_admin\"}").json().path("key").asText();
  }

  @Test
  void another_tenant_s_objects_are_not_found_and_stay_unchanged() {
    List<String[]> attempts = List.of(
        new String[] {"GET", "/key/info?key=" + keyB, null},
        new String[] {"GET", "/key/info?key=" + keyBId, null},
        new String[] {"POST", "/key/update", "{\"key\":\"" + keyB + "\",\"max_budget\":1000}"},
        new String[] {"POST", "/key/block", "{\"key\":\"" + keyBId + "\"}"},
        new String[] {"POST", "/key/unblock", "{\"key\":\"" + keyBId + "\"}"},
        new String[] {"POST", "/key/regenerate", "{\"key\":\"" + keyB + "\"}"},
        new String[] {"POST", "/key/delete", "{\"keys\":[\"" + keyB + "\"]}"},
        new String[] {"GET", "/key/list?organization_id=org-b", null},
        new String[] {"POST", "/key/generate", "{\"organization_id\":\"org-b\"}"},
        new String[] {"GET", "/team/info?team_id=shared-name", null},
        new String[] {"GET", "/team/info?team_id=shared-name&organization_id=org-b", null},
        new String[] {"POST", "/team/update", "{\"team_id\":\"shared-name\",\"max_budget\":99}"},
        new String[] {"POST", "/team/delete", "{\"team_ids\":[\"shared-name\"]}"},
        new String[] {"GET", "/team/list?organization_id=org-b", null},
        new String[] {"GET", "/customer/info?end_user_id=bob", null},
        new String[] {"POST", "/customer/update", "{\"user_id\":\"bob\",\"max_budget\":50}"},
        new String[] {"POST", "/customer/delete", "{\"user_ids\":[\"bob\"]}"},
        new String[] {"POST", "/budget/info", "{\"budgets\":[\"b-tier\"]}"},
        new String[] {"POST", "/budget/update", "{\"budget_id\":\"b-tier\",\"max_budget\":70}"},
        new String[] {"GET", "/spend/logs?api_key=" + keyB, null});
    for (String[] a : attempts) {
      Reply r = http.call(a[0], a[1], adminA, a[2]);
      assertThat(r.status()).as(a[0] + " " + a[1] + ": " + r.text()).isEqualTo(404);
      assertThat(r.json().path("error").path("code").asText()).isEqualTo("404");
      assertThat(r.text()).doesNotContain(keyBId).doesNotContain("org-b\"");
    }
    String everything = http.get("/spend/logs", adminA).text()
        + http.get("/global/spend/report?group_by=api_key", adminA).text()
        + http.get("/user/daily/activity", adminA).text()
        + http.get("/team/daily/activity", adminA).text()
        + http.get("/key/list?return_full_object=true", adminA).text()
        + http.get("/team/list", adminA).text()
        + http.get("/budget/list", adminA).text();
    assertThat(everything).doesNotContain(keyBId).doesNotContain("b-tier")
        .doesNotContain("shared-name");

    var info = ok(http.get("/key/info?key=" + keyB, adminB)).json().path("info");
    assertThat(info.path("max_budget").decimalValue()).isEqualByComparingTo("3");
    assertThat(info.path("blocked").asBoolean()).isFalse();
    assertThat(ok(http.get("/customer/info?end_user_id=bob", adminB)).json()
        .path("litellm_budget_table").path("max_budget").decimalValue())
        .isEqualByComparingTo("2");
    assertThat(ok(http.post("/budget/info", adminB, "{\"budgets\":[\"b-tier\"]}")).json().get(0)
        .path("max_budget").decimalValue()).isEqualByComparingTo("1");
    assertThat(ok(http.get("/team/info?team_id=shared-name", adminB)).json().path("team_info")
        .path("max_budget").decimalValue()).isEqualByComparingTo("9");
    assertThat(ok(http.post("/v1/chat/completions", keyB,
        "{\"model\":\"sim-small\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
        .status()).isEqualTo(200);
  }

  /** Models are the platform's: a tenant admin changes none at LiteLLM's door, as on /admin/v1. */
  @Test
  void a_tenant_admin_adds_and_removes_no_model() {
    Reply add = http.post("/model/new", adminA, "{\"model_name\":\"a-own\",\"litellm_params\":"
        + "{\"model\":\"openai/sim-small\"}}");
    assertThat(add.status()).as(add.text()).isEqualTo(403);
    assertThat(add.json().path("error").path("code").asText()).isEqualTo("403");
    Reply remove = http.post("/model/delete", adminA, "{\"id\":\"sim-small\"}");
    assertThat(remove.status()).as(remove.text()).isEqualTo(403);
    assertThat(http.get("/model/info?litellm_model_id=a-own", MASTER_KEY).status()).isEqualTo(404);
    assertThat(ok(http.post("/v1/chat/completions", keyB,
        "{\"model\":\"sim-small\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
        .status()).isEqualTo(200); // still served
  }

  @Test
  void a_tenant_admin_s_own_customers_and_teams_never_meet_another_s() {
    String adminC = mintAdmin("org-c");
    ok(http.post("/customer/new", adminC, "{\"user_id\":\"bob\",\"max_budget\":7}"));
    ok(http.post("/team/new", adminC, "{\"team_id\":\"shared-name\"}"));
    assertThat(ok(http.get("/customer/info?end_user_id=bob", adminC)).json()
        .path("litellm_budget_table").path("max_budget").decimalValue())
        .isEqualByComparingTo("7");
    assertThat(ok(http.get("/customer/info?end_user_id=bob", adminB)).json()
        .path("litellm_budget_table").path("max_budget").decimalValue())
        .isEqualByComparingTo("2");
    assertThat(ok(http.get("/team/info?team_id=shared-name", adminC)).json().path("team_info")
        .path("organization_id").asText()).isEqualTo("org-c");
    Reply ambiguous = http.get("/team/info?team_id=shared-name", MASTER_KEY);
    assertThat(ambiguous.status()).isEqualTo(400); // in two tenants: name the organization
    assertThat(ambiguous.json().path("error").path("param").asText()).isEqualTo("organization_id");
  }

  @Test
  void refusals_are_in_litellm_s_error_shape() throws java.io.IOException {
    Map<String, Reply> replies = Map.of(
        "bad json", http.post("/key/generate", MASTER_KEY, "{\"key_alias\":"),
        "no body", http.post("/key/update", MASTER_KEY, null),
        "missing field", http.post("/key/update", MASTER_KEY, "{\"max_budget\":1}"),
        "unknown field", http.post("/key/generate", MASTER_KEY, "{\"max_budgett\":1}"),
        "refused field", http.post("/key/generate", MASTER_KEY, "{\"guardrails\":[\"pii\"]}"),
        "float money", http.post("/key/generate", MASTER_KEY, "{\"max_budget\":0.1234567891}"),
        "bad duration", http.post("/key/generate", MASTER_KEY, "{\"duration\":\"soon\"}"),
        "unknown query", http.get("/team/list?org=x", MASTER_KEY));
    replies.forEach((what, r) -> {
      assertThat(r.status()).as(what + ": " + r.text()).isEqualTo(400);
      assertThat(r.json().path("error").path("type").asText()).as(what)
          .isEqualTo("bad_request_error");
      assertThat(r.json().path("error").path("code").asText()).as(what).isEqualTo("400");
      assertThat(r.json().path("error").has("message")).isTrue();
      assertThat(r.json().path("error").has("param")).isTrue();
    });
    assertThat(http.post("/key/generate", MASTER_KEY, "{\"guardrails\":[\"pii\"]}").json()
        .path("error").path("param").asText()).isEqualTo("guardrails");

    Reply unknownKey = http.get("/key/info?key=sk-tg-unknown", MASTER_KEY);
    assertThat(unknownKey.status()).isEqualTo(404);
    assertThat(unknownKey.json().path("error").path("type").asText()).isEqualTo("not_found_error");

    Reply none = http.post("/key/generate", null, "{}");
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.json().path("error").path("type").asText()).isEqualTo("auth_error");
    assertThat(none.json().path("error").path("code").asText()).isEqualTo("401");
    assertThat(http.post("/key/generate", keyB, "{}").status()).isEqualTo(401); // inference key
    assertThat(http.post("/key/generate", "sk-wrong-master", "{}").status()).isEqualTo(401);
    Reply platformOnly = http.post("/key/generate", adminA, "{\"organization_id\":\"org-a\"}");
    assertThat(platformOnly.status()).isEqualTo(200);
    Reply wrongMethod = http.call("DELETE", "/key/generate", MASTER_KEY, null);
    assertThat(wrongMethod.status()).isEqualTo(405);
    assertThat(wrongMethod.json().path("error").path("code").asText()).isEqualTo("405");
    assertThat(wrongMethod.json().path("error").path("type").asText()).isEqualTo("bad_request_error");
    assertThat(wrongMethod.headers().get("allow")).containsExactly("POST");
    try (RawConnection c = new RawConnection(gw.server.port())) { // a query no URI class takes
      RawConnection.Response refusedQuery = c.send("GET /key/list?page=%zz HTTP/1.1\r\nHost: t\r\n"
          + "Authorization: Bearer " + MASTER_KEY + "\r\nConnection: close\r\n\r\n").readResponse();
      assertThat(refusedQuery.status()).isEqualTo(400);
      assertThat(refusedQuery.json().path("error").path("code").asText()).isEqualTo("400");
    }
  }
}
