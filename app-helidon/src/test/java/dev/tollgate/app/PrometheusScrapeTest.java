package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.money.Money;
import dev.tollgate.port.in.IssuedKey;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus scrapes a running Tollgate on loopback every second; read back through
 * Prometheus's HTTP API, the spend counter equals the ledger total of the same requests to the
 * nano-USD, in total and per model. The scrape passes {@code promtool check metrics}, and every
 * query of the Grafana dashboard and of the alerting rules is accepted by this Prometheus.
 */
class PrometheusScrapeTest {

  private static final Duration WITHIN = Duration.ofSeconds(30);

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void theSpendPrometheusReadsIsTheLedgersToTheNanoUsd() throws Exception {
    try (GatewayHarness gateway = GatewayHarness.simulated(Duration.ZERO)) {
      IssuedKey key = gateway.key(Money.usd("5.00"), null, null, null);
      int calls = 0;
      for (String model : List.of("sim-small", "sim-large", "sim-small", "sim-large", "sim-small")) {
        for (boolean stream : List.of(false, true)) {
          assertThat(call(gateway, key, model, stream)).isEqualTo(200);
          calls++;
        }
      }
      List<SpendEntry> ledger = gateway.awaitLedger(key, calls);
      long total = ledger.stream().mapToLong(e -> e.cost().nanoUsd()).sum();
      Map<String, Long> byModel = ledger.stream().collect(Collectors.groupingBy(
          e -> e.model().value(), Collectors.summingLong(e -> e.cost().nanoUsd())));
      assertThat(total).isPositive();

      String scrape = get(gateway.base() + "/metrics");
      Prometheus.Tool lint = Prometheus.promtool(List.of("check", "metrics"), Optional.of(scrape));
      assertThat(lint.exitCode()).as(lint.output()).isZero();

      try (Prometheus prometheus =
          Prometheus.scraping("127.0.0.1:" + gateway.server.port(), dir)) {
        awaitValue(prometheus, "sum(tollgate_spend_nano_usd_total{job=\"tollgate\"})", total);
        for (Map.Entry<String, Long> m : byModel.entrySet()) {
          awaitValue(prometheus, "sum(tollgate_spend_nano_usd_total{model=\"" + m.getKey() + "\"})",
              m.getValue());
        }
        assertThat(prometheus.value("up{job=\"tollgate\"}")).contains("1");
        for (String expr : dashboardAndRuleQueries()) {
          JsonNode answer = prometheus.query(expr);
          assertThat(answer.path("status").asText()).as(expr + ": " + answer).isEqualTo("success");
        }
      }
    }
  }

  private static void awaitValue(Prometheus prometheus, String promql, long expected)
      throws Exception {
    long deadline = System.nanoTime() + WITHIN.toNanos();
    Optional<String> seen = Optional.empty();
    while (System.nanoTime() < deadline) {
      seen = prometheus.value(promql);
      if (seen.isPresent() && new BigDecimal(seen.get()).compareTo(BigDecimal.valueOf(expected)) == 0) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError(promql + " read " + seen + " through Prometheus; the ledger holds "
        + expected + " nano-USD");
  }

  /** Every PromQL expression of the dashboard and the rules, with Grafana's variables filled. */
  static List<String> dashboardAndRuleQueries() throws Exception {
    List<String> exprs = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (JsonNode panel : json.readTree(Files.readString(Prometheus.DASHBOARD)).path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        exprs.add(target.path("expr").asText()
            .replace("$__rate_interval", "1m").replace("$instance", ".*"));
      }
    }
    // SnakeYAML comes with Helidon's YAML configuration.
    Map<String, Object> rules = new org.yaml.snakeyaml.Yaml().load(Files.readString(Prometheus.RULES));
    JsonNode groups = json.valueToTree(rules).path("groups");
    for (JsonNode group : groups) {
      for (JsonNode rule : group.path("rules")) {
        exprs.add(rule.path("expr").asText());
      }
    }
    assertThat(exprs).hasSizeGreaterThan(20);
    return exprs;
  }

  private int call(GatewayHarness gateway, IssuedKey key, String model, boolean stream)
      throws Exception {
    String body = "{\"model\":\"" + model + "\",\"stream\":" + stream
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"Tell Prometheus what this cost\"}]}";
    return http.send(HttpRequest.newBuilder(URI.create(gateway.base() + "/v1/chat/completions"))
        .header("Authorization", "Bearer " + key.secret().reveal())
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private String get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }
}
