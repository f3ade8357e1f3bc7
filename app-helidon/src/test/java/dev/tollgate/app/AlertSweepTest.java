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
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code key.expiring} and {@code budget.period_started} without a single request (docs/webhooks.md,
 * "Sweep"): the sweep finds a key near its expiry and the periods of a tenant's and a key's budgets,
 * and each fires once however many sweeps pass; a tenant without a subscription is not swept.
 */
class AlertSweepTest {

  private static final WebhookSettings SETTINGS = new WebhookSettings(true,
      new RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(200)), Duration.ofSeconds(5),
      Duration.ofMillis(20), new AlertSettings(Duration.ofDays(7), 1, Duration.ZERO, 10_000),
      Duration.ofMillis(200));

  @Test
  void an_idle_key_near_expiry_and_idle_budgets_new_periods_are_announced_once() throws Exception {
    try (GatewayHarness gw = GatewayHarness.simulated(SETTINGS);
        WebhookReceiver receiver = new WebhookReceiver()) {
      AdminClient http = new AdminClient(gw.base());
      for (String t : List.of("sweep-a", "sweep-b")) {
        assertThat(http.post("/admin/v1/tenants", MASTER_KEY, "{\"id\":\"" + t + "\",\"name\":\""
            + t + "\"}").status()).isEqualTo(201);
        Reply limits = http.call("PUT", "/admin/v1/tenants/" + t + "/limits", MASTER_KEY,
            "{\"budget\":{\"limit_usd\":\"10\",\"period\":\"daily\"}}");
        assertThat(limits.status()).as(limits.text()).isEqualTo(200);
      }
      Reply sub = http.post("/admin/v1/webhooks", MASTER_KEY, "{\"tenant\":\"sweep-a\",\"url\":\""
          + receiver.url() + "\",\"events\":[\"key.expiring\",\"budget.period_started\"]}");
      assertThat(sub.status()).as(sub.text()).isEqualTo(201);
      assertThat(http.post("/admin/v1/tenants/sweep-a/teams", MASTER_KEY, "{\"id\":\"ml\"}").status())
          .isEqualTo(201);
      Reply teamLimits = http.call("PUT", "/admin/v1/tenants/sweep-a/teams/ml/limits", MASTER_KEY,
          "{\"budget\":{\"limit_usd\":\"3\",\"period\":\"monthly\"}}");
      assertThat(teamLimits.status()).as(teamLimits.text()).isEqualTo(200);
      http.post("/admin/v1/keys", MASTER_KEY, "{\"tenant\":\"sweep-a\",\"team\":\"ml\"}");
      String expires = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS).toString();
      JsonNode key = http.post("/admin/v1/keys", MASTER_KEY, "{\"tenant\":\"sweep-a\",\"expires_at\":\""
          + expires + "\",\"budget\":{\"limit_usd\":\"1\",\"period\":\"weekly\"}}").json();
      http.post("/admin/v1/keys", MASTER_KEY, "{\"tenant\":\"sweep-b\",\"expires_at\":\""
          + expires + "\"}");
      String keySubject = "key:" + key.path("id").asText();

      Eventually.await(() -> subjects(receiver).keySet().containsAll(List.of(
          "key.expiring " + keySubject, "budget.period_started " + keySubject,
          "budget.period_started tenant:sweep-a",
          "budget.period_started team:7:sweep-a:ml")), "both events without traffic");
      Thread.sleep(1000); // five more sweeps: nothing is sent again
      assertThat(subjects(receiver)).as("once per scope and period").allSatisfy((k, n) ->
          assertThat(n).as(k).isEqualTo(1));
      assertThat(receiver.received()).allSatisfy(r ->
          assertThat(r.body()).doesNotContain("sweep-b"));
      Received expiring = receiver.received().stream()
          .filter(r -> r.type().equals("key.expiring")).findFirst().orElseThrow();
      assertThat(expiring.json().path("data").path("period").asText()).isEqualTo(expires);
    }
  }

  private static Map<String, Long> subjects(WebhookReceiver receiver) {
    return receiver.received().stream().collect(Collectors.groupingBy(
        r -> r.type() + " " + r.json().path("data").path("subject").asText(),
        Collectors.counting()));
  }
}
