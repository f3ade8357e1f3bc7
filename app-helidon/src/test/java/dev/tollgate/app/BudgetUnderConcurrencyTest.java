package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.money.Money;
import dev.tollgate.port.in.IssuedKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * 200 parallel requests against a budget that covers fewer than half of them: spend never
 * exceeds the budget, and every admitted request is recorded exactly once.
 */
class BudgetUnderConcurrencyTest {

  private static final int REQUESTS = 200;

  @Test
  void parallel_requests_never_overspend_and_every_admitted_one_is_recorded_once() throws Exception {
    try (GatewayHarness gateway = GatewayHarness.simulated(Duration.ofMillis(2))) {
      // Each request holds at most: prompt ~20 tokens x $2.50/M + 8 completion x $10/M = ~$0.00013.
      IssuedKey key = gateway.key(Money.usd("0.005"), null, null, null);
      List<Integer> statuses = fire(gateway, key);

      long ok = statuses.stream().filter(s -> s == 200).count();
      long refused = statuses.stream().filter(s -> s == 429).count();
      List<SpendEntry> ledger = gateway.awaitLedger(key, (int) ok);
      Money spent = gateway.spentBy(key);
      var budget = gateway.tollgate().spend().budget(Scope.key(key.key().id())).orElseThrow();

      assertThat(ok + refused).isEqualTo(REQUESTS);
      assertThat(ok).isBetween(1L, REQUESTS / 2L - 1);
      assertThat(ledger).hasSize((int) ok);
      assertThat(ledger.stream().map(e -> e.requestId()).distinct()).hasSize((int) ok);
      assertThat(spent.isGreaterThan(Money.usd("0.005"))).isFalse();
      assertThat(budget.posted()).isEqualTo(spent);
      assertThat(budget.held()).isEqualTo(Money.ZERO);
    }
  }

  private static List<Integer> fire(GatewayHarness gateway, IssuedKey key) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.base() + "/v1/chat/completions"))
        .header("Authorization", "Bearer " + key.secret().reveal())
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"model\":\"sim-large\",\"max_tokens\":8,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"spend some of my budget please\"}]}"))
        .build();
    ExecutorService pool = Executors.newFixedThreadPool(32);
    try {
      List<Future<Integer>> futures = new ArrayList<>();
      for (int i = 0; i < REQUESTS; i++) {
        futures.add(pool.submit(() -> http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()));
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> f : futures) {
        statuses.add(f.get(60, TimeUnit.SECONDS));
      }
      return statuses;
    } finally {
      pool.shutdownNow();
    }
  }
}
