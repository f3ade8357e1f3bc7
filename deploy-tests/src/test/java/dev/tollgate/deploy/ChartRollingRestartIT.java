package dev.tollgate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A rolling restart the way Kubernetes does one, of three pods run from the rendered chart (the
 * Job's migration first; each pod with the Deployment's environment, ConfigMap and mounted-file
 * Secrets, its own emptyDir) behind a {@link ServiceProxy} that plays kube-proxy: for each pod in
 * turn, the pod leaves the endpoints, its {@code preStop} sleep runs, then SIGTERM; a new pod (a
 * fresh emptyDir) starts and joins the endpoints when {@code /readyz} answers. Clients keep
 * calling throughout on their keep-alive connections, then exhaust the key's budget. Held: no
 * request fails or goes unanswered, nothing is overspent, every 2xx is in the ledger exactly once,
 * the budget's posted amount equals the ledger, and after the last pod's graceful stop nothing is
 * held.
 */
class ChartRollingRestartIT {

  private static final int PODS = 3;
  private static final int COVERED_CALLS = 1_000;
  private static final Duration DONE = Duration.ofSeconds(120);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static RenderedChart chart;

  @BeforeAll
  static void render() throws Exception {
    chart = new RenderedChart("""
        replicaCount: %d
        lifecycle: {preStopSleepSeconds: 2}
        config:
          data-plane:
            type: simulated
            simulator: {first-byte-ms: 20}
          store: {schema: ${schema}}
          models:
            - name: sim-small
              upstream: sim-small
              max-output-tokens: 256
              price: {input: "0.10", output: "0.40"}
        """.formatted(PODS));
  }

  @AfterAll
  static void dropSchema() throws Exception {
    if (chart != null) {
      chart.dropSchema();
    }
  }

  @Test
  void a_rolling_restart_under_load_fails_no_request_overspends_nothing_and_loses_no_entry() throws Exception {
    assertThat(chart.deployment().getSpec().getReplicas()).isEqualTo(PODS);
    chart.migrate();
    List<Pod> pods = new ArrayList<>();
    try (ServiceProxy service = new ServiceProxy()) {
      for (int i = 0; i < PODS; i++) {
        pods.add(new Pod(chart.pod("pod-" + i), "pod-" + i));
      }
      CompletableFuture.allOf(pods.stream().map(p -> CompletableFuture.runAsync(p::start))
          .toArray(CompletableFuture[]::new)).join();
      pods.forEach(p -> service.addEndpoint(p.port()));

      post(service.base(), "/admin/v1/tenants", "{\"id\":\"acme\",\"name\":\"Acme\"}");
      long maxCost = probeMaxCost(service.base());
      long limit = Math.multiplyExact(COVERED_CALLS, maxCost);
      JsonNode key = post(service.base(), "/admin/v1/keys", "{\"tenant\":\"acme\",\"alias\":\"rolling\","
          + "\"budget\":{\"limit_usd\":\"" + BigDecimal.valueOf(limit, 9).toPlainString() + "\",\"period\":\"monthly\"}}");

      ChatLoad trickle = new ChatLoad(service.base(), key.get("key").asText(), 3, Integer.MAX_VALUE,
          Duration.ofMillis(150));
      ChatLoad blast;
      try (trickle) {
        for (int i = 0; i < PODS; i++) {
          Pod old = pods.get(i);
          service.removeEndpoint(old.port()); // terminating: out of the endpoints at once
          Thread.sleep(Duration.ofSeconds(chart.preStopSleepSeconds())); // preStop
          old.process.destroy(); // SIGTERM
          assertThat(old.process.waitFor(chart.terminationGraceSeconds(), TimeUnit.SECONDS))
              .as(old.name + " stopped within terminationGracePeriodSeconds").isTrue();
          Pod replacement = new Pod(chart.pod("pod-" + (PODS + i)), "pod-" + (PODS + i));
          replacement.start();
          service.addEndpoint(replacement.port());
          pods.set(i, replacement);
        }
        assertThat(trickle.ok()).as("answers during the rollout").isGreaterThan(30);
        // Then more demand than the budget covers, still during the trickle.
        blast = new ChatLoad(service.base(), key.get("key").asText(), 24, 3 * COVERED_CALLS, Duration.ZERO);
        blast.awaitDone(DONE);
      }
      for (Pod p : pods) {
        service.removeEndpoint(p.port());
        p.process.destroy();
        assertThat(p.process.waitFor(chart.terminationGraceSeconds(), TimeUnit.SECONDS)).isTrue();
      }
      System.out.printf("[rolling] trickle: %s%n[rolling] blast: %s%n[rolling] service refused %d connections%n",
          trickle.summary(), blast.summary(), service.refused());
      check(key.get("id").asText(), limit, maxCost, trickle, blast);
    } finally {
      for (Pod p : pods) {
        p.process.destroyForcibly();
      }
    }
  }

  private static void check(String keyId, long limit, long maxCost, ChatLoad... loads) throws Exception {
    Set<String> answered = new HashSet<>();
    for (ChatLoad l : loads) {
      assertThat(l.failed.get()).as("answers other than 2xx and budget 429: " + l.samples).isZero();
      assertThat(l.unanswered.get()).as("calls without an answer: " + l.samples).isZero();
      assertThat(l.duplicate2xx.get()).as("one request id answered twice").isZero();
      answered.addAll(l.answered2xx);
    }
    Set<String> ledger = new HashSet<>();
    long entries = 0;
    long total = 0;
    long posted;
    long held;
    try (var c = DriverManager.getConnection(chart.jdbcUrl)) {
      try (var st = c.prepareStatement(
          "SELECT request_id, cost_nano_usd FROM " + chart.schema + ".ledger_entries WHERE key_id = ?")) {
        st.setString(1, keyId);
        try (var rs = st.executeQuery()) {
          while (rs.next()) {
            ledger.add(rs.getString(1));
            total += rs.getLong(2);
            entries++;
          }
        }
      }
      try (var st = c.prepareStatement("SELECT COALESCE(SUM(posted_nano_usd), 0), COALESCE(SUM(held_nano_usd), 0)"
          + " FROM " + chart.schema + ".budget_accounts WHERE scope_key = ?")) {
        st.setString(1, "key:" + keyId);
        try (var rs = st.executeQuery()) {
          rs.next();
          posted = rs.getLong(1);
          held = rs.getLong(2);
        }
      }
    }
    assertThat(loads[loads.length - 1].refused.get()).as("the budget was exhausted").isPositive();
    System.out.printf("[rolling] budget %d nano-USD (%d calls at most %d); ledger %d entries, %d nano-USD:"
        + " utilization %.1f %%; posted %d, held %d after the last graceful stop%n",
        limit, COVERED_CALLS, maxCost, entries, total, 100.0 * total / limit, posted, held);
    assertThat(entries).as("ledger entries with the same request id").isEqualTo(ledger.size());
    assertThat(ledger).as("the ledger is exactly the 2xx answers").isEqualTo(answered);
    assertThat(posted).as("posted == ledger total").isEqualTo(total);
    assertThat(total).as("overspend 0").isLessThanOrEqualTo(limit);
    assertThat(held).as("held after every pod stopped gracefully").isZero();
  }

  /** The most the load's request can cost, as the refusal on a key with a budget of 1 nano-USD names it. */
  private static long probeMaxCost(String base) throws Exception {
    JsonNode probe = post(base, "/admin/v1/keys", "{\"tenant\":\"acme\",\"alias\":\"probe\","
        + "\"budget\":{\"limit_usd\":\"0.000000001\",\"period\":\"monthly\"}}");
    ChatLoad one = new ChatLoad(base, probe.get("key").asText(), 1, 1, Duration.ZERO);
    one.awaitDone(DONE);
    assertThat(one.refused.get()).as(one.summary()).isEqualTo(1);
    return one.refusedMaxCostNanoUsd.get();
  }

  private static JsonNode post(String base, String path, String body) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
          .header("Authorization", "Bearer " + chart.masterKey)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(path + ": " + r.body()).isIn(200, 201);
      return JSON.readTree(r.body());
    }
  }

  /** One pod of the Deployment as a process, ready when its readiness probe passes. */
  private static final class Pod {
    final PodProcess spec;
    final String name;
    Process process;

    Pod(PodProcess spec, String name) {
      this.spec = spec;
      this.name = name;
    }

    int port() {
      return Integer.parseInt(spec.env().get("TOLLGATE_SERVER_PORT"));
    }

    void start() {
      Path log = chart.work.resolve(name + ".log");
      try {
        process = spec.start(log);
        RenderedChart.awaitReady("http://127.0.0.1:" + port(), process, log);
      } catch (Exception e) {
        throw new AssertionError(name + " did not start", e);
      }
    }
  }
}
