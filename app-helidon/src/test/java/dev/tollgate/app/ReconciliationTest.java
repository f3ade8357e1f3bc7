package dev.tollgate.app;

import static dev.tollgate.app.GatewayHarness.MASTER_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.app.AdminClient.Reply;
import dev.tollgate.app.config.GatewayConfig;
import dev.tollgate.app.config.ReconciliationConfig;
import dev.tollgate.app.config.Secret;
import dev.tollgate.app.config.StoreSettings;
import dev.tollgate.app.config.WebhookSettings;
import dev.tollgate.dataplane.http.TokenUsageExposition;
import dev.tollgate.domain.webhook.RetryPolicy;
import dev.tollgate.port.in.IssuedKey;
import dev.tollgate.service.AlertSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reconciliation end to end (docs/observability.md): two Tollgate replicas on one PostgreSQL
 * schema, real requests through them into the ledger, and a data plane's metrics endpoint on
 * loopback answering agentgateway's token-usage histogram. Totals that match are no mismatch;
 * tokens the data plane served that the ledger lacks are a mismatch in the admin API, the metrics
 * of both replicas and a signed webhook; a data plane restart is reported as such, not as loss; a
 * failing scrape is a failed bucket; each bucket is run by one replica (one scrape per bucket).
 */
class ReconciliationTest {

  private static final Duration BUCKET = Duration.ofSeconds(3);
  private static final WebhookSettings WEBHOOKS = new WebhookSettings(true,
      new RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(200)), Duration.ofSeconds(5),
      Duration.ofMillis(20), AlertSettings.DEFAULTS);

  @TempDir Path dir;
  private final String schema =
      "tg_recon_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  private StoreSettings postgres(String replica) {
    return new StoreSettings("postgres", Optional.of(TestPostgres.jdbcUrl()), schema, true,
        dir.resolve("pgdata"), dir.resolve("journal-" + replica), 4);
  }

  private final String saltKey = "salt-" + UUID.randomUUID() + "-" + UUID.randomUUID();

  private UnaryOperator<GatewayConfig> reconciling(String metricsUrl) {
    ReconciliationConfig rc = new ReconciliationConfig(true, List.of(URI.create(metricsUrl)),
        Duration.ofMillis(100), BUCKET, Duration.ofMillis(500), 10, 0, Duration.ofSeconds(2),
        TokenUsageExposition.DEFAULT_FAMILIES);
    return c -> c.withSaltKey(Optional.of(new Secret(saltKey)))
        .withWebhooks(WEBHOOKS)
        .withObservability(c.observability().withReconciliation(rc));
  }

  @org.junit.jupiter.api.AfterEach
  void dropSchema() throws Exception {
    TestPostgres.dropSchema(schema);
  }

  @Test
  void the_memory_store_refuses_to_start_with_reconciliation_on() {
    assertThatThrownBy(() -> GatewayHarness.simulated(StoreSettings.memory(),
        reconciling("http://127.0.0.1:9/metrics")).close())
        .hasMessageContaining("tollgate.reconciliation.enabled needs the PostgreSQL store");
  }

  @Test
  void matching_totals_pass_and_unrecorded_tokens_are_a_mismatch_raised_once() throws Exception {
    try (CountersServer dataPlane = new CountersServer("sim-small", 1000, 2000); // served before
        WebhookReceiver receiver = new WebhookReceiver();
        GatewayHarness a = GatewayHarness.simulated(postgres("a"), reconciling(dataPlane.url()));
        GatewayHarness b = GatewayHarness.simulated(postgres("b"), reconciling(dataPlane.url()))) {
      AdminClient http = new AdminClient(a.base());
      Reply sub = http.post("/admin/v1/webhooks", MASTER_KEY, "{\"tenant\":\"acme\",\"url\":\""
          + receiver.url() + "\",\"events\":[\"reconciliation.mismatch\"]}");
      assertThat(sub.status()).as(sub.text()).isEqualTo(201);
      String secret = sub.json().path("secret").asText();

      JsonNode first = awaitReport(http, null, r -> true);
      // a fresh bucket has just begun: the requests and their counting fall inside it
      JsonNode fresh = awaitReport(http, first.path("bucket_start").asText(), r -> true);
      IssuedKey keyA = a.key();
      IssuedKey keyB = b.key();
      long[] served = new long[2];
      for (int i = 0; i < 4; i++) { // the data plane counts each call as it answers it
        add(served, chat(i % 2 == 0 ? a : b, i % 2 == 0 ? keyA : keyB));
        dataPlane.set("sim-small", 1000 + served[0], 2000 + served[1]);
      }
      a.awaitLedger(keyA, 2);
      b.awaitLedger(keyB, 2);

      JsonNode matched = awaitReport(http, fresh.path("bucket_start").asText(),
          r -> r.path("status").asText().equals("compared"));
      JsonNode small = model(matched, "sim-small");
      assertThat(small.path("ledger_input_tokens").asLong()).as(matched.toString())
          .isEqualTo(served[0]).isPositive();
      assertThat(small.path("data_plane_input_tokens").asLong()).isEqualTo(served[0]);
      assertThat(small.path("ledger_output_tokens").asLong()).isEqualTo(served[1]);
      assertThat(small.path("data_plane_output_tokens").asLong()).isEqualTo(served[1]);
      assertThat(small.path("mismatch").asBoolean()).isFalse();
      assertThat(matched.path("mismatch").asBoolean()).isFalse();

      long[] now = dataPlane.get("sim-small"); // 5,000 tokens served that no ledger entry holds
      dataPlane.set("sim-small", now[0], now[1] + 5000);
      JsonNode lost = awaitReport(http, matched.path("bucket_start").asText(),
          r -> r.path("status").asText().equals("compared"));
      JsonNode lostSmall = model(lost, "sim-small");
      assertThat(lostSmall.path("output_difference").asLong()).as(lost.toString()).isEqualTo(5000);
      assertThat(lostSmall.path("input_difference").asLong()).isZero();
      assertThat(lostSmall.path("mismatch").asBoolean()).isTrue();
      assertThat(lost.path("mismatch").asBoolean()).isTrue();
      for (GatewayHarness replica : List.of(a, b)) { // every replica shows the newest report
        Eventually.await(() -> metric(replica, "tollgate_reconciliation_mismatch{model=\"sim-small\"}")
            .equals("1.0") && metric(replica, "tollgate_reconciliation_difference_tokens{model="
            + "\"sim-small\",token_type=\"output\"}").equals("5000.0")
            && !metric(replica, "tollgate_reconciliation_last_compared_timestamp_seconds").isEmpty(),
            "the mismatch in the metrics");
      }
      Predicate<WebhookReceiver.Received> ofLost = r -> r.json().path("data").path("period")
          .asText().equals(lost.path("bucket_start").asText());
      Eventually.await(() -> receiver.received().stream().anyMatch(ofLost), "the mismatch webhook");
      assertThat(receiver.received()).as("no mismatch before the unrecorded tokens").allMatch(ofLost);
      WebhookReceiver.Received hook = receiver.received().get(0);
      assertThat(hook.verifiesWith(secret)).isTrue();
      assertThat(hook.type()).isEqualTo("reconciliation.mismatch");
      assertThat(hook.json().path("data").path("model").asText()).isEqualTo("sim-small");
      assertThat(hook.json().path("data").path("period").asText())
          .as(http.get("/admin/v1/reconciliation?limit=20", MASTER_KEY).text() + "\n"
              + receiver.received().stream().map(WebhookReceiver.Received::body).toList())
          .isEqualTo(lost.path("bucket_start").asText());
      assertThat(hook.json().path("data").path("data_plane_output_tokens").asLong())
          .isEqualTo(lostSmall.path("data_plane_output_tokens").asLong());

      // the data plane restarts: its counters start again below what they were
      dataPlane.set("sim-small", 7, 9);
      JsonNode restarted = awaitReport(http, lost.path("bucket_start").asText(),
          r -> r.path("status").asText().equals("compared"));
      JsonNode afterRestart = model(restarted, "sim-small");
      assertThat(afterRestart.path("counter_reset").asBoolean()).as(restarted.toString()).isTrue();
      assertThat(afterRestart.path("data_plane_input_tokens").asLong()).isEqualTo(7);
      assertThat(afterRestart.path("mismatch").asBoolean()).isFalse();

      dataPlane.answer(500);
      JsonNode failed = awaitReport(http, restarted.path("bucket_start").asText(), r -> true);
      assertThat(failed.path("status").asText()).isEqualTo("failed");
      assertThat(failed.path("error").asText()).contains(dataPlane.url()).contains("500");
      dataPlane.answer(200);
      awaitReport(http, failed.path("bucket_start").asText(),
          r -> r.path("status").asText().equals("compared"));

      // one scrape per bucket, whichever replica ran it: the claim admits one
      Eventually.await(() -> {
        long scrapes = counter(a, "tollgate_reconciliation_scrapes_total")
            + counter(b, "tollgate_reconciliation_scrapes_total");
        int reports = http.get("/admin/v1/reconciliation?limit=1000", MASTER_KEY).json()
            .path("data").size();
        return scrapes == dataPlane.scrapes() && reports == dataPlane.scrapes();
      }, "one scrape per bucket across both replicas");
      assertThat(counter(a, "tollgate_reconciliation_scrape_failures_total")
          + counter(b, "tollgate_reconciliation_scrape_failures_total")).isEqualTo(1);
      long hooks = receiver.received().stream().filter(ofLost).count();
      assertThat(hooks).as("one delivery for the bucket's mismatch").isEqualTo(1);
    }
  }

  @Test
  void a_tenant_admin_can_neither_read_reports_nor_subscribe_to_platform_events() throws Exception {
    try (CountersServer dataPlane = new CountersServer();
        GatewayHarness a = GatewayHarness.simulated(postgres("a"), reconciling(dataPlane.url()))) {
      AdminClient http = new AdminClient(a.base());
      Reply admin = http.post("/admin/v1/keys", MASTER_KEY,
          "{\"tenant\":\"acme\",\"role\":\"tenant_admin\"}");
      assertThat(admin.status()).as(admin.text()).isEqualTo(201);
      String tenantAdmin = admin.json().path("key").asText();
      assertThat(http.get("/admin/v1/reconciliation", tenantAdmin).status()).isEqualTo(403);
      Reply sub = http.post("/admin/v1/webhooks", tenantAdmin,
          "{\"url\":\"http://127.0.0.1:9/h\",\"events\":[\"reconciliation.mismatch\"]}");
      assertThat(sub.status()).as(sub.text()).isEqualTo(403);
      assertThat(http.get("/admin/v1/reconciliation", MASTER_KEY).json().path("enabled")
          .asBoolean()).isTrue();
    }
  }

  private static long[] chat(GatewayHarness gw, IssuedKey key) {
    Reply r = new AdminClient(gw.base()).post("/v1/chat/completions", key.secret().reveal(),
        "{\"model\":\"sim-small\",\"max_tokens\":24,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"count the tokens\"}]}");
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    JsonNode usage = r.json().path("usage");
    return new long[] {usage.path("prompt_tokens").asLong(), usage.path("completion_tokens").asLong()};
  }

  private static void add(long[] into, long[] more) {
    into[0] += more[0];
    into[1] += more[1];
  }

  /** The newest report after the bucket {@code after} (any, when null) that {@code wanted} likes. */
  private static JsonNode awaitReport(AdminClient http, String after, Predicate<JsonNode> wanted) {
    JsonNode[] found = new JsonNode[1];
    Eventually.await(() -> {
      JsonNode data = http.get("/admin/v1/reconciliation?limit=1", MASTER_KEY).json().path("data");
      if (data.isEmpty()) {
        return false;
      }
      JsonNode newest = data.get(0);
      if (after != null && !Instant.parse(newest.path("bucket_start").asText())
          .isAfter(Instant.parse(after))) {
        return false;
      }
      found[0] = newest;
      return wanted.test(newest);
    }, "a reconciliation report after " + after, Duration.ofSeconds(20));
    return found[0];
  }

  private static JsonNode model(JsonNode report, String model) {
    for (JsonNode m : report.path("models")) {
      if (m.path("model").asText().equals(model)) {
        return m;
      }
    }
    throw new AssertionError("no " + model + " in " + report);
  }

  private static String metric(GatewayHarness gw, String series) {
    for (String line : new AdminClient(gw.base()).get("/metrics", null).text().split("\n")) {
      if (line.startsWith(series + " ")) {
        return line.substring(series.length() + 1).strip();
      }
    }
    return "";
  }

  private static long counter(GatewayHarness gw, String series) {
    String v = metric(gw, series);
    return v.isEmpty() ? 0 : (long) Double.parseDouble(v);
  }
}
