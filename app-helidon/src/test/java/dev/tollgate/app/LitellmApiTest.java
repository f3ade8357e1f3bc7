package dev.tollgate.app;

import static dev.tollgate.app.GatewayHarness.MASTER_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.app.AdminClient.Reply;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One test per route group of LiteLLM's management API (docs/litellm-api.md), each change checked
 * where it takes effect: on /v1, in the limits /admin/v1 shows, in the ledger.
 */
class LitellmApiTest {

  private static GatewayHarness gw;
  private static AdminClient http;

  @BeforeAll
  static void start() {
    gw = GatewayHarness.simulated(Duration.ZERO);
    http = new AdminClient(gw.base());
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  private static Reply post(String path, String body) {
    Reply r = http.post(path, MASTER_KEY, body);
    assertThat(r.status()).as(path + ": " + r.text()).isEqualTo(200);
    return r;
  }

  private static Reply get(String path) {
    Reply r = http.get(path, MASTER_KEY);
    assertThat(r.status()).as(path + ": " + r.text()).isEqualTo(200);
    return r;
  }

  private static Reply chat(String key, String user) {
    return http.post("/v1/chat/completions", key, "{\"model\":\"sim-small\",\"max_tokens\":8,"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]"
        + (user == null ? "" : ",\"user\":\"" + user + "\"") + "}");
  }

  @Test
  void keys_are_generated_read_changed_blocked_rotated_listed_and_deleted() {
    post("/team/new", "{\"team_id\":\"k-team\",\"organization_id\":\"k-org\"}");
    JsonNode made = post("/key/generate", "{\"organization_id\":\"k-org\",\"team_id\":\"k-team\","
        + "\"key_alias\":\"svc\",\"models\":[\"sim-small\"],\"max_budget\":12.5,\"rpm_limit\":7,"
        + "\"metadata\":{\"app\":\"svc\",\"n\":3},\"user_id\":\"u1\"}").json();
    String secret = made.path("key").asText();
    String id = made.path("token").asText();
    assertThat(secret).startsWith("sk-tg-");
    assertThat(made.path("organization_id").asText()).isEqualTo("k-org");
    Reply limits = http.get("/admin/v1/keys/" + id + "/limits", MASTER_KEY);
    assertThat(new java.math.BigDecimal(limits.json().path("budget").path("limit_usd").asText()))
        .isEqualByComparingTo("12.50000000");
    assertThat(limits.json().path("rpm").path("limit").asLong()).isEqualTo(7);
    assertThat(chat(secret, null).status()).isEqualTo(200);

    for (String ref : new String[] {secret, id}) {
      JsonNode info = get("/key/info?key=" + ref).json().path("info");
      assertThat(info.path("token").asText()).isEqualTo(id);
      assertThat(info.path("metadata").path("n").asText()).isEqualTo("3");
      assertThat(info.path("user_id").asText()).isEqualTo("u1");
    }
    post("/key/update", "{\"key\":\"" + id + "\",\"max_budget\":null,\"tpm_limit\":900}");
    JsonNode changed = get("/key/info?key=" + id).json().path("info");
    assertThat(changed.path("max_budget").isNull()).isTrue();
    assertThat(changed.path("tpm_limit").asLong()).isEqualTo(900);
    assertThat(changed.path("rpm_limit").asLong()).isEqualTo(7);

    post("/key/block", "{\"key\":\"" + secret + "\"}");
    assertThat(chat(secret, null).status()).isEqualTo(401);
    post("/key/unblock", "{\"key\":\"" + secret + "\"}");
    assertThat(chat(secret, null).status()).isEqualTo(200);

    JsonNode list = get("/key/list?organization_id=k-org&team_id=k-team").json();
    assertThat(list.path("keys").get(0).asText()).isEqualTo(id);
    assertThat(list.path("total_count").asInt()).isEqualTo(1);
    assertThat(get("/key/list?organization_id=k-org&return_full_object=true").json()
        .path("keys").get(0).path("key_alias").asText()).isEqualTo("svc");

    String fresh = post("/key/regenerate", "{\"key\":\"" + secret + "\"}").json().path("key")
        .asText();
    assertThat(chat(secret, null).status()).isEqualTo(401);
    assertThat(chat(fresh, null).status()).isEqualTo(200);

    assertThat(http.post("/team/delete", MASTER_KEY, "{\"team_ids\":[\"k-team\"]}").status())
        .isEqualTo(400); // the team still has a key
    post("/key/delete", "{\"keys\":[\"" + fresh + "\"]}");
    assertThat(http.get("/key/info?key=" + id, MASTER_KEY).status()).isEqualTo(404);
  }

  @Test
  void teams_carry_their_budget_and_limits_and_list_per_organization() {
    post("/team/new", "{\"team_id\":\"t1\",\"team_alias\":\"One\",\"organization_id\":\"t-org\","
        + "\"max_budget\":50,\"soft_budget\":40,\"budget_duration\":\"1d\",\"tpm_limit\":1000}");
    post("/team/new", "{\"team_id\":\"t2\",\"organization_id\":\"t-org\"}");
    Reply limits = http.get("/admin/v1/tenants/t-org/teams/t1/limits", MASTER_KEY);
    assertThat(limits.json().path("budget").path("period").asText()).isEqualTo("daily");
    assertThat(new java.math.BigDecimal(
        limits.json().path("budget").path("soft_limit_usd").asText())).isEqualByComparingTo("40");
    JsonNode info = get("/team/info?team_id=t1").json(); // found without its organization
    assertThat(info.path("team_info").path("organization_id").asText()).isEqualTo("t-org");
    assertThat(info.path("team_info").path("budget_duration").asText()).isEqualTo("1d");
    post("/team/update", "{\"team_id\":\"t1\",\"team_alias\":\"Uno\",\"tpm_limit\":null}");
    JsonNode changed = get("/team/info?team_id=t1&organization_id=t-org").json()
        .path("team_info");
    assertThat(changed.path("team_alias").asText()).isEqualTo("Uno");
    assertThat(changed.path("tpm_limit").isNull()).isTrue();
    assertThat(changed.path("max_budget").decimalValue()).isEqualByComparingTo("50");
    assertThat(get("/team/list?organization_id=t-org").json().findValuesAsText("team_id"))
        .containsExactly("t1", "t2");
    post("/team/delete", "{\"team_ids\":[\"t2\"]}");
    assertThat(http.get("/team/info?team_id=t2", MASTER_KEY).status()).isEqualTo(404);
    Reply refused = http.post("/team/new", MASTER_KEY,
        "{\"team_id\":\"t3\",\"models\":[\"sim-small\"]}");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().path("error").path("param").asText()).isEqualTo("models");
  }

  @Test
  void customers_are_end_user_budgets_that_requests_naming_them_spend() {
    String key = post("/key/generate", "{}").json().path("key").asText(); // default tenant
    post("/customer/new", "{\"user_id\":\"alice\",\"max_budget\":5,\"rpm_limit\":100}");
    assertThat(chat(key, "alice").status()).isEqualTo(200);
    Eventually.await(() -> get("/customer/info?end_user_id=alice").json().path("spend")
        .decimalValue().signum() > 0, "alice's spend on her budget");
    JsonNode alice = get("/customer/info?end_user_id=alice").json();
    assertThat(alice.path("litellm_budget_table").path("max_budget").decimalValue())
        .isEqualByComparingTo("5");
    assertThat(alice.path("blocked").asBoolean()).isFalse();

    post("/customer/update", "{\"user_id\":\"alice\",\"blocked\":true}");
    assertThat(chat(key, "alice").status()).isEqualTo(429);
    post("/customer/update", "{\"user_id\":\"alice\",\"blocked\":false}");
    assertThat(chat(key, "alice").status()).isEqualTo(200);

    post("/customer/delete", "{\"user_ids\":[\"alice\"]}");
    assertThat(http.get("/customer/info?end_user_id=alice", MASTER_KEY).status()).isEqualTo(404);
    assertThat(http.post("/customer/update", MASTER_KEY, "{\"user_id\":\"nobody\"}").status())
        .isEqualTo(404);
  }

  @Test
  void a_budget_is_applied_to_its_followers_and_again_when_it_changes() {
    post("/budget/new", "{\"budget_id\":\"tier-1\",\"max_budget\":3,\"budget_duration\":\"7d\","
        + "\"tpm_limit\":5000}");
    post("/customer/new", "{\"user_id\":\"carol\",\"budget_id\":\"tier-1\"}");
    String key = post("/key/generate", "{\"budget_id\":\"tier-1\"}").json().path("token").asText();
    JsonNode rows = post("/budget/info", "{\"budgets\":[\"tier-1\"]}").json();
    assertThat(rows.get(0).path("budget_duration").asText()).isEqualTo("7d");

    post("/budget/update", "{\"budget_id\":\"tier-1\",\"max_budget\":4.25,\"tpm_limit\":null}");
    JsonNode carol = get("/customer/info?end_user_id=carol").json();
    assertThat(carol.path("budget_id").asText()).isEqualTo("tier-1");
    assertThat(carol.path("litellm_budget_table").path("max_budget").decimalValue())
        .isEqualByComparingTo("4.25");
    assertThat(carol.path("litellm_budget_table").path("tpm_limit").isNull()).isTrue();
    Reply limits = http.get("/admin/v1/keys/" + key + "/limits", MASTER_KEY);
    assertThat(new java.math.BigDecimal(limits.json().path("budget").path("limit_usd").asText()))
        .isEqualByComparingTo("4.25000000");
    assertThat(limits.json().path("budget").path("period").asText()).isEqualTo("weekly");
    assertThat(get("/budget/list").json().findValuesAsText("budget_id")).contains("tier-1");
    assertThat(http.get("/admin/v1/audit?tenant=litellm", MASTER_KEY).json()
        .findValuesAsText("action")).contains("budget-template.create", "budget-template.update");

    post("/key/delete", "{\"keys\":[\"" + key + "\"]}"); // a follower gone is skipped
    post("/budget/update", "{\"budget_id\":\"tier-1\",\"max_budget\":4.5}");
    assertThat(get("/customer/info?end_user_id=carol").json().path("litellm_budget_table")
        .path("max_budget").decimalValue()).isEqualByComparingTo("4.5");
    assertThat(http.post("/budget/new", MASTER_KEY, "{\"budget_id\":\"tier-1\"}").status())
        .isEqualTo(400); // exists
    assertThat(http.post("/budget/new", MASTER_KEY,
        "{\"budget_id\":\"hourly\",\"max_budget\":1,\"budget_duration\":\"1h\"}").status())
        .isEqualTo(400); // no Tollgate period
    assertThat(http.post("/key/generate", MASTER_KEY, "{\"budget_id\":\"missing\"}").status())
        .isEqualTo(404);
  }

  @Test
  void spend_and_activity_read_the_ledger() {
    JsonNode made = post("/key/generate", "{\"organization_id\":\"s-org\",\"key_alias\":\"s\"}")
        .json();
    String secret = made.path("key").asText();
    assertThat(chat(secret, "dave").status()).isEqualTo(200);
    String path = "/spend/logs?api_key=" + secret;
    Eventually.await(() -> get(path).json().size() == 1, "the request in the ledger");
    JsonNode row = get(path).json().get(0);
    assertThat(row.path("model").asText()).isEqualTo("sim-small");
    assertThat(row.path("end_user").asText()).isEqualTo("dave");
    assertThat(row.path("spend").decimalValue().signum()).isPositive();
    assertThat(get("/spend/logs?request_id=" + row.path("request_id").asText()).json().get(0)
        .path("api_key").asText()).isEqualTo(made.path("token").asText());

    String today = LocalDate.now(ZoneOffset.UTC).toString();
    JsonNode report = get("/global/spend/report?group_by=customer&start_date=" + today
        + "&end_date=" + today).json();
    assertThat(report.get(0).path("customers").findValuesAsText("customer")).contains("dave");
    JsonNode activity = get("/user/daily/activity?start_date=" + today + "&end_date=" + today)
        .json();
    assertThat(activity.path("results").get(0).path("breakdown").path("models")
        .has("sim-small")).isTrue();
    assertThat(activity.path("metadata").path("total_api_requests").asLong()).isPositive();
    assertThat(get("/team/daily/activity?start_date=" + today + "&end_date=" + today).json()
        .path("results")).isNotEmpty();
    assertThat(http.get("/spend/logs?user_id=x", MASTER_KEY).status()).isEqualTo(400);
  }

  @Test
  void model_info_lists_the_served_models_with_their_prices_per_token() {
    JsonNode data = get("/model/info").json().path("data");
    assertThat(data.findValuesAsText("model_name")).containsExactly("sim-embed", "sim-large",
        "sim-small");
    assertThat(data.get(1).path("model_info").path("output_cost_per_token").decimalValue())
        .isEqualByComparingTo("0.00001");
    assertThat(http.get("/model/info?litellm_model_id=nope", MASTER_KEY).status()).isEqualTo(404);
  }

  @Test
  void a_whisper_model_added_with_litellms_price_per_second_is_listed_as_a_transcription_model() {
    post("/model/new", "{\"model_name\":\"ll-whisper\",\"litellm_params\":{\"model\":"
        + "\"openai/sim-small\",\"input_cost_per_second\":0.0001,"
        + "\"output_cost_per_second\":0.0001},\"model_info\":{\"mode\":\"audio_transcription\"}}");

    JsonNode m = get("/model/info?litellm_model_id=ll-whisper").json().path("data").get(0);
    assertThat(m.path("model_info").path("mode").asText()).isEqualTo("audio_transcription");
    assertThat(m.path("model_info").path("input_cost_per_second").decimalValue())
        .isEqualByComparingTo("0.0001");
    assertThat(http.get("/admin/v1/models/ll-whisper", MASTER_KEY).json().path("price")
        .path("audio_usd_per_second").asText()).isEqualTo("0.0001");
    post("/model/delete", "{\"id\":\"ll-whisper\"}");
  }

  @Test
  void models_are_added_and_removed_at_run_time() {
    post("/model/new", "{\"model_name\":\"ll-run\",\"litellm_params\":{\"model\":"
        + "\"openai/sim-small\",\"input_cost_per_token\":0.000003,"
        + "\"output_cost_per_token\":1.5e-5},\"model_info\":{\"mode\":\"chat\","
        + "\"max_tokens\":2048}}");
    JsonNode m = get("/model/info?litellm_model_id=ll-run").json().path("data").get(0);
    assertThat(m.path("litellm_params").path("model").asText()).isEqualTo("sim-small");
    assertThat(m.path("model_info").path("max_output_tokens").asLong()).isEqualTo(2048);
    assertThat(m.path("model_info").path("output_cost_per_token").decimalValue())
        .isEqualByComparingTo("0.000015");
    Reply prices = http.get("/admin/v1/models/ll-run", MASTER_KEY);
    assertThat(prices.text()).contains("15");
    String key = post("/key/generate", "{}").json().path("key").asText();
    Reply served = http.post("/v1/chat/completions", key, "{\"model\":\"ll-run\","
        + "\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(served.status()).as(served.text()).isEqualTo(200);

    post("/model/delete", "{\"id\":\"ll-run\"}");
    assertThat(http.get("/model/info?litellm_model_id=ll-run", MASTER_KEY).status())
        .isEqualTo(404);
    Reply refused = http.post("/model/new", MASTER_KEY, "{\"model_name\":\"ll-x\","
        + "\"litellm_params\":{\"model\":\"openai/x\",\"api_key\":\"sk-upstream\"}}");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().path("error").path("param").asText()).isEqualTo("api_key");
  }
}
