package dev.tollgate.app;

import static dev.tollgate.app.GatewayHarness.MASTER_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.app.AdminClient.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End users over HTTP: their budgets managed under /admin/v1, spend reported by and filtered to
 * them, and a report's unknown query parameter refused instead of answering the unfiltered total.
 */
class EndUserReportsTest {

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

  private static Reply chat(String key, String user) {
    return admin.post("/v1/chat/completions", key,
        "{\"model\":\"sim-small\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
            + "\"max_tokens\":8,\"user\":\"" + user + "\"}");
  }

  @Test
  void endUserBudgetsAreManagedAndSpendIsReportedByEndUser() {
    admin.post("/admin/v1/tenants", MASTER_KEY, "{\"id\":\"endco\",\"name\":\"EndCo\"}");
    String key = admin.post("/admin/v1/keys", MASTER_KEY, "{\"tenant\":\"endco\",\"alias\":\"app\"}")
        .json().path("key").asText();
    String limits = "/admin/v1/tenants/endco/end-users/";

    Reply set = admin.call("PUT", limits + "blocked/limits", MASTER_KEY,
        "{\"budget\":{\"limit_usd\":\"0\",\"period\":\"lifetime\"},\"rpm\":50}");
    assertThat(set.status()).as(set.text()).isEqualTo(200);
    assertThat(set.json().path("scope").path("type").asText()).isEqualTo("end_user");
    assertThat(admin.get(limits + "blocked/limits", MASTER_KEY).json().path("rpm").path("limit")
        .asLong()).isEqualTo(50);
    assertThat(admin.get("/admin/v1/tenants/nobody/end-users/x/limits", MASTER_KEY).status())
        .isEqualTo(404);

    assertThat(chat(key, "alice").status()).isEqualTo(200);
    assertThat(chat(key, "alice").status()).isEqualTo(200);
    assertThat(chat(key, "bob").status()).isEqualTo(200);
    Reply refused = chat(key, "blocked");
    assertThat(refused.status()).as(refused.text()).isEqualTo(429);
    Eventually.await(() -> admin.get("/admin/v1/spend?tenant=endco", MASTER_KEY).json()
        .path("total").path("requests").asLong() == 3, "three requests in the ledger");

    Reply byUser = admin.get("/admin/v1/spend?tenant=endco&group_by=end_user", MASTER_KEY);
    assertThat(byUser.status()).as(byUser.text()).isEqualTo(200);
    assertThat(byUser.json().path("groups").findValuesAsText("group"))
        .containsExactly("alice", "bob");
    Reply alice = admin.get("/admin/v1/spend?tenant=endco&end_user=alice", MASTER_KEY);
    assertThat(alice.json().path("total").path("requests").asLong()).isEqualTo(2);
    assertThat(admin.get("/admin/v1/spend/entries?tenant=endco&end_user=bob", MASTER_KEY).json()
        .path("data")).hasSize(1);
    assertThat(admin.get("/admin/v1/spend/export.csv?tenant=endco&end_user=bob", MASTER_KEY)
        .text().lines().count()).isEqualTo(2);
  }

  @Test
  void anUnknownReportParameterIsA400NamingIt() {
    for (String path : new String[] {"/admin/v1/spend?endUser=alice",
        "/admin/v1/spend/entries?tenant=acme&user=x", "/admin/v1/spend/export.csv?bogus=1"}) {
      Reply r = admin.get(path, MASTER_KEY);
      assertThat(r.status()).as(path + ": " + r.text()).isEqualTo(400);
      assertThat(r.json().path("error").path("type").asText()).isEqualTo("invalid_request_error");
      assertThat(r.json().path("error").path("param").asText()).isIn("endUser", "user", "bogus");
    }
    assertThat(admin.get("/admin/v1/spend?group_by=end_user&end_user=", MASTER_KEY).status())
        .isEqualTo(200);
    assertThat(admin.get("/admin/v1/spend?group_by=week", MASTER_KEY).status()).isEqualTo(400);
  }

  @Test
  void responsesNameTheEndUserBySafetyIdentifier() {
    admin.post("/admin/v1/tenants", MASTER_KEY, "{\"id\":\"respco\",\"name\":\"RespCo\"}");
    String key = admin.post("/admin/v1/keys", MASTER_KEY, "{\"tenant\":\"respco\",\"alias\":\"r\"}")
        .json().path("key").asText();
    Reply ok = admin.post("/v1/responses", key, "{\"model\":\"sim-small\",\"input\":\"hi\","
        + "\"max_output_tokens\":8,\"safety_identifier\":\"carol\"}");
    assertThat(ok.status()).as(ok.text()).isEqualTo(200);
    Reply bad = admin.post("/v1/responses", key, "{\"model\":\"sim-small\",\"input\":\"hi\","
        + "\"safety_identifier\":\"two words\"}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("error").path("param").asText()).isEqualTo("safety_identifier");
    Eventually.await(() -> admin.get("/admin/v1/spend?tenant=respco&end_user=carol", MASTER_KEY)
        .json().path("total").path("requests").asLong() == 1, "carol's response in the ledger");
  }

  @Test
  void openWebUisUserHeaderNamesTheEndUserOnlyWhereTheTenantTrustsIt() {
    for (String tenant : new String[] {"webui", "untrusting"}) {
      Reply made = admin.post("/admin/v1/tenants", MASTER_KEY, "{\"id\":\"" + tenant
          + "\",\"name\":\"T\",\"trusted_user_headers\":" + tenant.equals("webui") + "}");
      assertThat(made.status()).as(made.text()).isEqualTo(201);
      assertThat(made.json().path("trusted_user_headers").asBoolean()).isEqualTo(tenant.equals("webui"));
      String key = admin.post("/admin/v1/keys", MASTER_KEY, "{\"tenant\":\"" + tenant
          + "\",\"alias\":\"w\"}").json().path("key").asText();
      Reply r = admin.call("POST", "/v1/chat/completions", key,
          "{\"model\":\"sim-small\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
              + "\"max_tokens\":8,\"user\":\"from-body\"}",
          java.util.Map.of("X-OpenWebUI-User-Id", "8f1c-webui-user"));
      assertThat(r.status()).as(r.text()).isEqualTo(200);
    }
    Eventually.await(() -> admin.get("/admin/v1/spend?tenant=untrusting", MASTER_KEY).json()
        .path("total").path("requests").asLong() == 1, "the untrusting tenant's request");
    Eventually.await(() -> admin.get("/admin/v1/spend?tenant=webui", MASTER_KEY).json()
        .path("total").path("requests").asLong() == 1, "the trusting tenant's request");
    assertThat(admin.get("/admin/v1/spend?tenant=webui&group_by=end_user", MASTER_KEY).json()
        .path("groups").findValuesAsText("group")).containsExactly("8f1c-webui-user");
    assertThat(admin.get("/admin/v1/spend?tenant=untrusting&group_by=end_user", MASTER_KEY).json()
        .path("groups").findValuesAsText("group")).containsExactly("from-body");
  }
}
