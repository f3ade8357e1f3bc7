package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.app.config.MetricsSettings;
import dev.tollgate.app.metrics.Metrics;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.money.Money;
import dev.tollgate.port.in.IssuedKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} over a running server: the meters an operator reads after real /v1 calls
 * (requests, denials, spend equal to the ledger, GenAI token usage and stream timings, budget
 * gauges, overhead), the overhead header on answers, the series cap folding into {@code other},
 * and the separate metrics port.
 */
class MetricsTest {

  private static final String CHAT = "{\"model\":\"sim-small\",\"messages\":[{\"role\":\"user\","
      + "\"content\":\"Count the metrics, please\"}]}";
  private static final String STREAM = "{\"model\":\"sim-small\",\"stream\":true,\"messages\":"
      + "[{\"role\":\"user\",\"content\":\"Stream the metrics, please\"}]}";

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aScrapeShowsWhatTheCallsDidAndSpendEqualsTheLedger() throws Exception {
    try (GatewayHarness gateway = GatewayHarness.simulated(Duration.ofMillis(1))) {
      IssuedKey key = gateway.key(Money.usd("5.00"), 1_000L, null, null);
      HttpResponse<String> whole = call(gateway, key.secret().reveal(), CHAT);
      HttpResponse<String> stream = call(gateway, key.secret().reveal(), STREAM);
      call(gateway, key.secret().reveal(), CHAT);
      HttpResponse<String> refused = call(gateway, "sk-tg-not-a-key", CHAT);

      assertThat(whole.statusCode()).isEqualTo(200);
      assertThat(stream.statusCode()).isEqualTo(200);
      assertThat(refused.statusCode()).isEqualTo(401);
      for (HttpResponse<String> r : List.of(whole, stream, refused)) {
        assertThat(r.headers().firstValue("x-tollgate-overhead-ms")).get().asString()
            .matches("\\d+\\.\\d{3}");
      }
      List<SpendEntry> ledger = gateway.awaitLedger(key, 3);
      long ledgerNanos = ledger.stream().mapToLong(e -> e.cost().nanoUsd()).sum();
      gateway.server.get(Metrics.class).refreshBudgets();

      String scrape = get(gateway.base() + "/metrics");
      assertThat(sample(scrape, "tollgate_spend_nano_usd_total{model=\"sim-small\",tenant=\"acme\"}"))
          .isEqualTo(ledgerNanos);
      assertThat(sample(scrape, "tollgate_requests_total{reason=\"none\",route=\"/v1/chat/completions\",status=\"200\"}"))
          .isEqualTo(3);
      assertThat(scrape).contains("tollgate_requests_total{reason=\"malformed_key\",route=\"/v1/chat/completions\",status=\"401\"}");
      assertThat(scrape)
          .contains("gen_ai_client_token_usage_count{gen_ai_operation_name=\"chat\",gen_ai_provider_name=\"openai\",gen_ai_request_model=\"sim-small\",gen_ai_token_type=\"input\"} 3")
          .contains("gen_ai_client_token_usage_bucket{gen_ai_operation_name=\"chat\",gen_ai_provider_name=\"openai\",gen_ai_request_model=\"sim-small\",gen_ai_token_type=\"output\",le=\"4096.0\"} 3")
          .contains("gen_ai_server_request_duration_seconds_count{error_type=\"\",gen_ai_operation_name=\"chat\"")
          .contains("gen_ai_server_time_to_first_token_seconds_count{gen_ai_operation_name=\"chat\",gen_ai_provider_name=\"openai\",gen_ai_request_model=\"sim-small\"} 1")
          .contains("gen_ai_server_time_per_output_token_seconds_count{")
          .contains("tollgate_gateway_overhead_seconds_count{route=\"/v1/chat/completions\"} 4")
          .contains("tollgate_upstream_duration_seconds_count{route=\"/v1/chat/completions\"} 3")
          .contains("tollgate_rate_window_limit{kind=\"requests\",scope=\"key:")
          .contains("http_server_requests_seconds_count{method=\"POST\",status=\"200\",uri=\"/v1/chat/completions\"} 3")
          .contains("jvm_memory_used_bytes")
          .contains("tollgate_degraded 0.0")
          .contains("tollgate_journal_backlog_entries 0.0")
          .contains("tollgate_ledger_lag_seconds 0.0")
          .contains("tollgate_shared_state_up 1.0")
          .contains("tollgate_serving_while_degraded 1.0") // the switch: on by default
          .contains("process_cpu_usage");
      String scope = "{scope=\"key:" + key.key().id().value() + "\"}";
      assertThat(sample(scrape, "tollgate_rate_window_used{kind=\"requests\",scope=\"key:"
          + key.key().id().value() + "\"}")).as("the last admission counted up to its three requests"
          + " (fewer when a minute turned between them)").isBetween(1L, 3L);
      assertThat(sample(scrape, "tollgate_budget_limit_nano_usd" + scope)).isEqualTo(5_000_000_000L);
      assertThat(sample(scrape, "tollgate_budget_posted_nano_usd" + scope)).isEqualTo(ledgerNanos);
      assertThat(sample(scrape, "tollgate_budget_remaining_nano_usd" + scope))
          .isEqualTo(5_000_000_000L - ledgerNanos);
    }
  }

  /**
   * The durable path's own series (PostgreSQL with the local wing): the first admission placed a
   * lease hold on the shared store, the background syncs ran, and nothing is held once every
   * request has settled.
   */
  @Test
  void onPostgresTheLeaseRefillsSyncsAndHeldGaugeAreScraped(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path dir) throws Exception {
    String schema = "tg_metrics_" + java.util.UUID.randomUUID().toString().replace("-", "")
        .substring(0, 12);
    dev.tollgate.app.config.StoreSettings store = new dev.tollgate.app.config.StoreSettings(
        "postgres", java.util.Optional.of(TestPostgres.jdbcUrl()), schema, true,
        dir.resolve("pgdata"), dir.resolve("journal"), 4);
    try (GatewayHarness gateway = GatewayHarness.simulated(store)) {
      IssuedKey key = gateway.key(Money.usd("5.00"), null, null, null);
      for (int i = 0; i < 3; i++) {
        assertThat(call(gateway, key.secret().reveal(), CHAT).statusCode()).isEqualTo(200);
      }
      gateway.awaitLedger(key, 3);
      Eventually.await(() -> sample(scrapeOf(gateway), "tollgate_local_syncs_total") > 0,
          "a background sync of the local state");
      gateway.server.get(Metrics.class).refreshBudgets();
      String scrape = get(gateway.base() + "/metrics");
      assertThat(sample(scrape, "tollgate_lease_refills_total")).isPositive();
      assertThat(sample(scrape, "tollgate_budget_held_nano_usd{scope=\"key:"
          + key.key().id().value() + "\"}")).isZero();
    } finally {
      TestPostgres.dropSchema(schema);
    }
  }

  @Test
  void labelsPastTheCapFoldIntoOther() throws Exception {
    MetricsSettings two = MetricsSettings.DEFAULTS.withMaxSeriesPerMetric(2);
    try (GatewayHarness gateway = GatewayHarness.simulated(Duration.ZERO, two)) {
      IssuedKey key = gateway.key();
      for (String model : List.of("sim-small", "sim-large", "sim-small", "sim-large")) {
        call(gateway, key.secret().reveal(), CHAT.replace("sim-small", model));
      }
      call(gateway, "sk-tg-not-a-key", CHAT); // the second combination: 401, malformed_key
      call(gateway, key.secret().reveal(), CHAT.replace("sim-small", "nope")); // a third
      call(gateway, key.secret().reveal(), "{"); // a fourth: 400, no denial

      String scrape = get(gateway.base() + "/metrics");
      assertThat(scrape).contains(
          "tollgate_requests_total{reason=\"other\",route=\"other\",status=\"other\"} 2.0");
      assertThat(count(scrape, "tollgate_requests_total{")).isEqualTo(3);
      assertThat(count(scrape, "http_server_requests_seconds_count{")).isLessThanOrEqualTo(3);
    }
  }

  @Test
  void aSeparatePortServesTheMetricsAndTheMainPortDoesNot() throws Exception {
    MetricsSettings own = MetricsSettings.DEFAULTS.withPort(0);
    try (GatewayHarness gateway = GatewayHarness.simulated(Duration.ZERO, own)) {
      int port = gateway.server.metricsPort().orElseThrow();
      HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(scrape.statusCode()).isEqualTo(200);
      assertThat(scrape.headers().firstValue("content-type")).get().asString()
          .startsWith("text/plain; version=0.0.4");
      assertThat(scrape.body()).contains("tollgate_degraded");
      HttpResponse<String> main = http.send(HttpRequest.newBuilder(
          URI.create(gateway.base() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(main.statusCode()).isEqualTo(404);
    }
  }

  @Test
  void offRecordsNoRequestMetersButKeepsTheStatus() throws Exception {
    MetricsSettings off = MetricsSettings.DEFAULTS.withRequestMetrics(false);
    try (GatewayHarness gateway = GatewayHarness.simulated(Duration.ZERO, off)) {
      HttpResponse<String> r = call(gateway, gateway.key().secret().reveal(), CHAT);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("x-tollgate-overhead-ms")).isPresent();
      String scrape = get(gateway.base() + "/metrics");
      assertThat(scrape).doesNotContain("tollgate_requests_total").contains("tollgate_degraded 0.0");
    }
  }

  private HttpResponse<String> call(GatewayHarness gateway, String key, String body)
      throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(gateway.base() + "/v1/chat/completions"))
        .header("Authorization", "Bearer " + key)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private String get(String url) throws Exception {
    String body = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    java.nio.file.Files.writeString(java.nio.file.Path.of("target", "last-scrape.txt"), body);
    return body;
  }

  private String scrapeOf(GatewayHarness gateway) {
    try {
      return get(gateway.base() + "/metrics");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A sample's value, which must be a whole number (exposed as e.g. {@code 1234.0}). */
  static long sample(String scrape, String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+]+)$").matcher(scrape);
    assertThat(m.find()).as(series + " in the scrape").isTrue();
    return new java.math.BigDecimal(m.group(1)).longValueExact();
  }

  private static long count(String scrape, String prefix) {
    return scrape.lines().filter(l -> l.startsWith(prefix)).count();
  }
}
