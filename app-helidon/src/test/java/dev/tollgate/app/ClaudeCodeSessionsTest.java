package dev.tollgate.app;

import static dev.tollgate.app.GatewayHarness.MASTER_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.errors.BadRequestException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import dev.tollgate.app.AdminClient.Reply;
import dev.tollgate.app.config.StoreSettings;
import dev.tollgate.domain.money.Money;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Claude Code's sessions through Tollgate, on the durable store (PostgreSQL behind the leases and
 * the journal), driven by Anthropic's official Java SDK sending {@code X-Claude-Code-Session-Id}
 * as Claude Code does: each session's spend is in the spend report (grouped by and filtered to the
 * session), the entries listing and the CSV; a key's per-session budget refuses the call of one
 * session that would exceed it, with the session's exact remainder, while another session of the
 * same key is admitted.
 */
class ClaudeCodeSessionsTest {

  private static final String SESSION_HEADER = "X-Claude-Code-Session-Id";
  private static final Pattern REMAINS =
      Pattern.compile("may cost up to \\$([0-9.]+) and \\$([0-9.]+) remains");

  @TempDir Path dir;
  private final String schema =
      "tg_sess_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  private StoreSettings postgres() {
    return new StoreSettings("postgres", Optional.of(TestPostgres.jdbcUrl()), schema, true,
        dir.resolve("pgdata"), dir.resolve("journal"), 4);
  }

  @AfterEach
  void dropSchema() throws Exception {
    TestPostgres.dropSchema(schema);
  }

  private static AnthropicClient claudeCode(GatewayHarness gw, String key, String session) {
    return AnthropicOkHttpClient.builder().apiKey(key).baseUrl(gw.base()).maxRetries(0)
        .putHeader(SESSION_HEADER, session).build();
  }

  private static MessageCreateParams turn(String question) {
    return MessageCreateParams.builder().model("sim-small").maxTokens(64)
        .addUserMessage(question).build();
  }

  /** A new tenant's key: its secret and its id. */
  private record Key(String secret, String id) {}

  private static String key(AdminClient admin, String tenant, String sessionBudget) {
    return issue(admin, tenant, sessionBudget).secret();
  }

  private static Key issue(AdminClient admin, String tenant, String sessionBudget) {
    assertThat(admin.post("/admin/v1/tenants", MASTER_KEY,
        "{\"id\":\"" + tenant + "\",\"name\":\"" + tenant + "\"}").status()).isEqualTo(201);
    Reply key = admin.post("/admin/v1/keys", MASTER_KEY, "{\"tenant\":\"" + tenant + "\""
        + (sessionBudget == null ? "" : ",\"session_budget\":" + sessionBudget) + "}");
    assertThat(key.status()).as(key.text()).isEqualTo(201);
    return new Key(key.json().path("key").asText(), key.json().path("id").asText());
  }

  @Test
  void sessions_are_reported_listed_and_exported() {
    try (GatewayHarness gw = GatewayHarness.simulated(postgres())) {
      AdminClient admin = new AdminClient(gw.base());
      String key = key(admin, "sessco", null);
      String a = "6f1c2d3e-0000-4000-8000-00000000000a";
      String b = "6f1c2d3e-0000-4000-8000-00000000000b";

      claudeCode(gw, key, a).messages().create(turn("What is in src?"));
      claudeCode(gw, key, a).messages().create(turn("And in docs?"));
      claudeCode(gw, key, b).messages().create(turn("Fix the build"));
      AnthropicOkHttpClient.builder().apiKey(key).baseUrl(gw.base()).maxRetries(0).build()
          .messages().create(turn("no session"));
      Eventually.await(() -> admin.get("/admin/v1/spend?tenant=sessco", MASTER_KEY).json()
          .path("total").path("requests").asLong() == 4, "four requests in the ledger");

      Reply bySession = admin.get("/admin/v1/spend?tenant=sessco&group_by=session", MASTER_KEY);
      assertThat(bySession.status()).as(bySession.text()).isEqualTo(200);
      assertThat(bySession.json().path("groups").findValuesAsText("group"))
          .containsExactly("", a, b);
      Reply onlyA = admin.get("/admin/v1/spend?tenant=sessco&session=" + a, MASTER_KEY);
      assertThat(onlyA.json().path("total").path("requests").asLong()).isEqualTo(2);
      assertThat(bySession.json().path("groups").get(1).path("cost_usd").asText())
          .isEqualTo(onlyA.json().path("total").path("cost_usd").asText());
      Reply entries = admin.get("/admin/v1/spend/entries?tenant=sessco&session=" + b, MASTER_KEY);
      assertThat(entries.json().path("data")).hasSize(1);
      assertThat(entries.json().path("data").get(0).path("session").asText()).isEqualTo(b);

      List<String> csv = admin.get("/admin/v1/spend/export.csv?tenant=sessco", MASTER_KEY)
          .text().lines().toList();
      assertThat(csv.get(0)).endsWith(",session,tags,cache_write_1h_input_tokens,audio_seconds");
      assertThat(csv).hasSize(5);
      assertThat(csv.stream().filter(l -> l.endsWith("," + a + ",,0,0.000"))).hasSize(2);
      assertThat(csv.stream().filter(l -> l.endsWith("," + b + ",,0,0.000"))).hasSize(1);
    }
  }

  @Test
  void a_session_budget_refuses_the_call_that_would_exceed_it_and_admits_another_session() {
    try (GatewayHarness gw = GatewayHarness.simulated(postgres())) {
      AdminClient admin = new AdminClient(gw.base());
      String limitUsd = "0.0002";
      Key issued = issue(admin, "budgetco",
          "{\"limit_usd\":\"" + limitUsd + "\",\"period\":\"lifetime\"}");
      String key = issued.secret();
      assertThat(admin.get("/admin/v1/keys/" + issued.id() + "/limits", MASTER_KEY).json()
          .path("session_budget").path("limit_usd").asText()).isEqualTo(limitUsd);
      AnthropicClient first = claudeCode(gw, key, "session-one");

      int answered = 0;
      RateLimitException refusal = null;
      for (int i = 0; i < 200 && refusal == null; i++) { // bounded: the budget pays for a few
        try {
          Message m = first.messages().create(turn("Refactor module " + i));
          assertThat(m.content()).isNotEmpty();
          answered++;
        } catch (RateLimitException e) {
          refusal = e;
        }
      }

      assertThat(refusal).as("the session budget refused a call").isNotNull();
      assertThat(answered).isPositive();
      assertThat(refusal.getMessage()).contains("session session-one of key");
      int calls = answered;
      Eventually.await(() -> sessionSpend(admin, "budgetco", "session-one").requests() == calls,
          "the answered calls in the ledger");
      Spend spent = sessionSpend(admin, "budgetco", "session-one");
      Matcher m = REMAINS.matcher(refusal.getMessage());
      assertThat(m.find()).as(refusal.getMessage()).isTrue();
      Money needed = Money.usd(m.group(1));
      Money remains = Money.usd(m.group(2));
      Money limit = Money.usd(limitUsd);
      // One replica is exact: what remains is the limit less what the session spent, and the
      // refused call's maximum cost is more than that.
      assertThat(remains).isEqualTo(limit.minus(spent.cost()));
      assertThat(needed).isGreaterThan(remains);
      assertThat(spent.cost()).isLessThanOrEqualTo(limit);

      Message other = claudeCode(gw, key, "session-two").messages().create(turn("Hello"));
      assertThat(other.content()).isNotEmpty();
      assertThatThrownBy(() -> first.messages().create(turn("once more")))
          .isInstanceOf(RateLimitException.class);
    }
  }

  @Test
  void a_session_header_with_a_control_character_is_a_400_in_anthropics_shape() {
    try (GatewayHarness gw = GatewayHarness.simulated(postgres())) {
      AdminClient admin = new AdminClient(gw.base());
      String key = key(admin, "badco", null);
      assertThatThrownBy(() -> claudeCode(gw, key, "x".repeat(129)).messages()
          .create(turn("hi"))).isInstanceOf(BadRequestException.class)
          .hasMessageContaining(SESSION_HEADER);
      Reply chat = admin.call("POST", "/v1/chat/completions", key,
          "{\"model\":\"sim-small\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
          java.util.Map.of("X-OpenWebUI-Chat-Id", "has space"));
      assertThat(chat.status()).as(chat.text()).isEqualTo(400);
      assertThat(chat.json().path("error").path("param").asText())
          .isEqualToIgnoringCase("X-OpenWebUI-Chat-Id");
    }
  }

  private record Spend(long requests, Money cost) {}

  private static Spend sessionSpend(AdminClient admin, String tenant, String session) {
    Reply r = admin.get("/admin/v1/spend?tenant=" + tenant + "&session=" + session, MASTER_KEY);
    return new Spend(r.json().path("total").path("requests").asLong(),
        Money.usd(r.json().path("total").path("cost_usd").asText()));
  }
}
