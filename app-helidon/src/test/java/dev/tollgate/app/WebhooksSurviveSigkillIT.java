package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.app.WebhookReceiver.Received;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17: no alert is lost to a SIGKILL of the sending service, and none is sent under two ids.
 * A real {@code tollgate serve} on PostgreSQL raises one {@code key.blocked} per blocked key while
 * its receiver answers 500 (so every delivery is pending, retried, some mid-send); the process is
 * killed with SIGKILL, the receiver recovers, the process restarts on the same schema, and every
 * event arrives, each under one {@code webhook-id} with one body, every signature valid.
 */
class WebhooksSurviveSigkillIT {

  private static final int EVENTS = 25;
  private static final Duration DELIVERED_WITHIN = Duration.ofSeconds(60);

  @TempDir Path dir;
  private final String schema = "tg_whk_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private ReplicaProcess child;

  @AfterEach
  void cleanUp() throws Exception {
    if (child != null) {
      child.close();
    }
    TestPostgres.dropSchema(schema);
  }

  @Test
  void every_event_raised_before_a_sigkill_is_delivered_after_the_restart_once_per_id()
      throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver().answerByDefault(500)) {
      child = new ReplicaProcess(dir, TestPostgres.jdbcUrl(), schema, Map.of(
          "TOLLGATE_SALT_KEY", "webhook-sigkill-test-salt-key-0123456789abcdef",
          "TOLLGATE_WEBHOOKS_RETRY_DASH_BASE", "PT0.05S",
          "TOLLGATE_WEBHOOKS_RETRY_DASH_MAX", "PT0.5S",
          "TOLLGATE_WEBHOOKS_MAX_DASH_ATTEMPTS", "50",
          "TOLLGATE_WEBHOOKS_POLL_DASH_INTERVAL", "PT0.02S",
          "TOLLGATE_WEBHOOKS_TIMEOUT", "PT1S")).start();
      AdminClient http = new AdminClient(child.base());
      String master = ReplicaProcess.MASTER_KEY;
      assertThat(http.post("/admin/v1/tenants", master, "{\"id\":\"kill-a\",\"name\":\"A\"}")
          .status()).isEqualTo(201);
      JsonNode sub = http.post("/admin/v1/webhooks", master, "{\"tenant\":\"kill-a\",\"url\":\""
          + receiver.url() + "\",\"events\":[\"key.blocked\"]}").json();
      String secret = sub.path("secret").asText();
      String deliveries = "/admin/v1/webhooks/" + sub.path("id").asText() + "/deliveries?limit=100";

      for (int i = 0; i < EVENTS; i++) {
        String key = http.post("/admin/v1/keys", master, "{\"tenant\":\"kill-a\"}").json()
            .path("id").asText();
        assertThat(http.post("/admin/v1/keys/" + key + "/block", master, "{}").status())
            .isEqualTo(200); // answered: its event is in the outbox
      }
      assertThat(http.get(deliveries, master).json().path("data").size()).isEqualTo(EVENTS);
      Eventually.await(() -> receiver.received().size() > EVENTS, "retries under way");

      child.kill();
      int beforeKill = receiver.received().size();
      receiver.answerByDefault(204);
      child.start();

      Eventually.await(() -> new AdminClient(child.base()).get(deliveries.replace("?", "?status="
          + "delivered&"), master).json().path("data").size() == EVENTS,
          "every event delivered after the restart", DELIVERED_WITHIN);

      List<Received> got = receiver.received();
      Map<String, Set<String>> bodiesById = got.stream().collect(Collectors.groupingBy(
          Received::id, Collectors.mapping(Received::body, Collectors.toSet())));
      assertThat(bodiesById).hasSize(EVENTS);
      assertThat(bodiesById.values()).allMatch(bodies -> bodies.size() == 1);
      Set<String> keys = new HashSet<>();
      for (Received r : got) {
        assertThat(r.verifiesWith(secret)).isTrue();
        keys.add(r.json().path("data").path("key_id").asText());
      }
      assertThat(keys).hasSize(EVENTS);
      System.out.println("[webhooks-sigkill] " + EVENTS + " events, " + beforeKill
          + " attempts before the kill, " + got.size() + " in all");
    }
  }
}
