package dev.tollgate.app;

import static dev.tollgate.app.GatewayHarness.MASTER_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.app.AdminClient.Reply;
import dev.tollgate.app.WebhookReceiver.Received;
import dev.tollgate.app.config.WebhookSettings;
import dev.tollgate.domain.webhook.RetryPolicy;
import dev.tollgate.service.AlertSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Budget alerts end to end (docs/webhooks.md): real requests through a running Tollgate raise the
 * events, delivered to receivers on loopback, whose Standard Webhooks signatures the test checks
 * itself; 500s are retried under the same id, a receiver that never accepts ends failed and
 * visible through the admin API, each tenant hears only of its own scopes, and a tenant admin
 * cannot see or touch another tenant's subscriptions.
 */
class WebhooksTest {

  /** Three attempts, 50 ms apart at first: the bound is reached within a test's patience. */
  private static final WebhookSettings SETTINGS = new WebhookSettings(true,
      new RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(200)), Duration.ofSeconds(5),
      Duration.ofMillis(20), new AlertSettings(Duration.ofDays(7), 1, Duration.ZERO, 10_000));
  private static final List<String> ALL_EVENTS = List.of("budget.soft_limit_crossed",
      "budget.exhausted", "budget.period_started", "key.expiring", "key.blocked",
      "rate_limit.sustained");

  private static GatewayHarness gw;
  private static AdminClient http;
  private static WebhookReceiver forA;
  private static WebhookReceiver forB;

  @BeforeAll
  static void start() throws Exception {
    gw = GatewayHarness.simulated(SETTINGS);
    http = new AdminClient(gw.base());
    forA = new WebhookReceiver();
    forB = new WebhookReceiver();
    for (String t : List.of("wh-a", "wh-b", "wh-c", "wh-d")) {
      assertThat(http.post("/admin/v1/tenants", MASTER_KEY,
          "{\"id\":\"" + t + "\",\"name\":\"" + t + "\"}").status()).isEqualTo(201);
    }
  }

  @AfterAll
  static void stop() {
    gw.close();
    forA.close();
    forB.close();
  }

  private static JsonNode subscribe(String credential, String tenant, String url, List<String> events,
      String format) {
    String events1 = events.stream().map(e -> "\"" + e + "\"").collect(Collectors.joining(","));
    Reply r = http.post("/admin/v1/webhooks", credential, "{" + (tenant == null ? ""
        : "\"tenant\":\"" + tenant + "\",") + "\"url\":\"" + url + "\",\"events\":[" + events1
        + "],\"format\":\"" + format + "\"}");
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    return r.json();
  }

  private static JsonNode key(String tenant, String extra) {
    Reply r = http.post("/admin/v1/keys", MASTER_KEY, "{\"tenant\":\"" + tenant + "\"" + extra + "}");
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    return r.json();
  }

  private static int chat(JsonNode key) {
    return http.post("/v1/chat/completions", key.path("key").asText(),
        "{\"model\":\"sim-small\",\"max_tokens\":16,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").status();
  }

  /** Every event type, raised for tenant A by real requests; B's twins go to B's receiver only. */
  @Test
  void every_event_is_sent_once_signed_and_only_to_its_own_tenant() {
    String secretA = subscribe(MASTER_KEY, "wh-a", forA.url(), ALL_EVENTS, "standard")
        .path("secret").asText();
    String secretB = subscribe(MASTER_KEY, "wh-b", forB.url(), ALL_EVENTS, "standard")
        .path("secret").asText();
    assertThat(secretA).startsWith("whsec_");

    for (String tenant : List.of("wh-a", "wh-b")) {
      JsonNode soft = key(tenant, ",\"budget\":{\"limit_usd\":\"1\",\"soft_limit_usd\":"
          + "\"0.000000001\",\"period\":\"monthly\"}");
      JsonNode poor = key(tenant, ",\"budget\":{\"limit_usd\":\"0.000000001\",\"period\":\"daily\"}");
      JsonNode limited = key(tenant, ",\"rpm\":1");
      JsonNode expiring = key(tenant, ",\"expires_at\":\""
          + Instant.now().plus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
          + "\"");
      for (int i = 0; i < 3; i++) { // repeated: each event still fires once
        assertThat(chat(soft)).isEqualTo(200);
        assertThat(chat(poor)).isEqualTo(429); // insufficient_quota
        chat(limited);
        assertThat(chat(expiring)).isEqualTo(200);
      }
      assertThat(http.post("/admin/v1/keys/" + soft.path("id").asText() + "/block", MASTER_KEY,
          "{}").status()).isEqualTo(200);
    }

    Eventually.await(() -> types(forA).containsAll(ALL_EVENTS) && types(forB).containsAll(ALL_EVENTS),
        "every event at both receivers");
    for (Received r : forA.received()) {
      assertThat(r.verifiesWith(secretA)).as("A's signature on " + r.body()).isTrue();
      assertThat(r.verifiesWith(secretB)).isFalse();
      assertThat(r.body()).doesNotContain("wh-b");
      assertThat(r.json().path("data").path("tenant_id").asText()).isEqualTo("wh-a");
      assertThat(r.contentType()).isEqualTo("application/json");
    }
    for (Received r : forB.received()) {
      assertThat(r.verifiesWith(secretB)).isTrue();
      assertThat(r.body()).doesNotContain("wh-a");
    }
    Map<String, Long> perEvent = forA.received().stream().collect(
        Collectors.groupingBy(r -> r.type() + " " + r.json().path("data").path("subject").asText()
            + " " + r.json().path("data").path("period").asText(), Collectors.counting()));
    assertThat(perEvent.values()).as("once per scope, period and event: " + perEvent)
        .allMatch(n -> n == 1);
  }

  private static Set<String> types(WebhookReceiver receiver) {
    return receiver.received().stream().map(Received::type).collect(Collectors.toSet());
  }

  @Test
  void a_receiver_answering_500_gets_the_same_message_again_until_it_accepts() throws Exception {
    try (WebhookReceiver flaky = new WebhookReceiver().thenAnswer(500, 500)) {
      JsonNode sub = subscribe(MASTER_KEY, "wh-c", flaky.url(), List.of("key.blocked"), "slack");
      JsonNode k = key("wh-c", "");
      http.post("/admin/v1/keys/" + k.path("id").asText() + "/block", MASTER_KEY, "{}");

      String deliveries = "/admin/v1/webhooks/" + sub.path("id").asText() + "/deliveries";
      Eventually.await(() -> http.get(deliveries + "?status=delivered", MASTER_KEY).json()
          .path("data").size() == 1, "delivered after two 500s");
      JsonNode d = http.get(deliveries, MASTER_KEY).json().path("data").get(0);
      assertThat(d.path("attempts").asInt()).isEqualTo(3);
      assertThat(d.path("last_status").asInt()).isEqualTo(204);
      List<Received> got = flaky.received();
      assertThat(got).hasSize(3);
      assertThat(new HashSet<>(got.stream().map(Received::id).toList()))
          .containsExactly(d.path("id").asText());
      assertThat(got).allMatch(r -> r.verifiesWith(sub.path("secret").asText()));
      assertThat(got.get(0).json().path("text").asText()).contains("key.blocked", "wh-c");
    }
  }

  @Test
  void a_receiver_that_never_accepts_ends_failed_after_the_bound_and_the_api_shows_it()
      throws Exception {
    try (WebhookReceiver down = new WebhookReceiver().answerByDefault(500)) {
      JsonNode sub = subscribe(MASTER_KEY, "wh-d", down.url(), List.of("key.blocked"), "standard");
      JsonNode k = key("wh-d", "");
      http.post("/admin/v1/keys/" + k.path("id").asText() + "/block", MASTER_KEY, "{}");

      String failed = "/admin/v1/webhooks/" + sub.path("id").asText() + "/deliveries?status=failed";
      Eventually.await(() -> http.get(failed, MASTER_KEY).json().path("data").size() == 1,
          "failed after the bound");
      JsonNode d = http.get(failed, MASTER_KEY).json().path("data").get(0);
      assertThat(d.path("attempts").asInt()).isEqualTo(3);
      assertThat(d.path("last_status").asInt()).isEqualTo(500);
      assertThat(d.path("last_error").asText()).contains("500");
      assertThat(down.received()).hasSize(3);
    }
  }

  @Test
  void a_tenant_admin_neither_sees_nor_manages_another_tenants_subscriptions() {
    String adminA = key("wh-a", ",\"role\":\"tenant_admin\"").path("key").asText();
    JsonNode ofB = subscribe(MASTER_KEY, "wh-b", "http://127.0.0.1:9/b", List.of("key.blocked"),
        "standard");
    JsonNode own = subscribe(adminA, null, "http://127.0.0.1:9/a", List.of("key.blocked"),
        "standard");
    assertThat(own.path("tenant").asText()).isEqualTo("wh-a");

    String b = "/admin/v1/webhooks/" + ofB.path("id").asText();
    assertThat(http.get(b, adminA).status()).isEqualTo(404);
    assertThat(http.get(b + "/deliveries", adminA).status()).isEqualTo(404);
    assertThat(http.call("DELETE", b, adminA, null).status()).isEqualTo(404);
    assertThat(http.get("/admin/v1/webhooks?tenant=wh-b", adminA).status()).isEqualTo(404);
    assertThat(http.post("/admin/v1/webhooks", adminA, "{\"tenant\":\"wh-b\",\"url\":"
        + "\"http://127.0.0.1:9/x\",\"events\":[\"key.blocked\"]}").status()).isEqualTo(404);
    JsonNode listed = http.get("/admin/v1/webhooks", adminA).json().path("data");
    for (JsonNode s : listed) {
      assertThat(s.path("tenant").asText()).isEqualTo("wh-a");
      assertThat(s.has("secret")).isFalse();
    }
    assertThat(http.get(b, MASTER_KEY).status()).isEqualTo(200); // B's is still there
  }

  @Test
  void bad_input_is_a_400_naming_the_field() {
    Reply badEvent = http.post("/admin/v1/webhooks", MASTER_KEY,
        "{\"tenant\":\"wh-a\",\"url\":\"http://127.0.0.1:9/x\",\"events\":[\"budget.nope\"]}");
    assertThat(badEvent.status()).isEqualTo(400);
    assertThat(badEvent.json().path("error").path("param").asText()).isEqualTo("events");
    Reply badUrl = http.post("/admin/v1/webhooks", MASTER_KEY,
        "{\"tenant\":\"wh-a\",\"url\":\"ftp://x/\",\"events\":[\"key.blocked\"]}");
    assertThat(badUrl.status()).isEqualTo(400);
    assertThat(badUrl.json().path("error").path("param").asText()).isEqualTo("url");
    assertThat(http.get("/admin/v1/webhooks/nope", MASTER_KEY).status()).isEqualTo(400);
  }
}
