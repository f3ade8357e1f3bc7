package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.money.Money;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * One Redis-mode test's key, its budget and the checks at its end, as in
 * {@code ReplicasBehindBalancerTest}: every 2xx answer in the ledger exactly once, nothing else in
 * it but calls nobody answered, PostgreSQL's posted amount equal to the ledger; the overspend is
 * reported, and asserted 0 where the scenario's bound is 0.
 */
final class RedisBudgetRun {

  static final int BLAST_THREADS = 48;
  static final Duration DONE = Duration.ofSeconds(180);

  private final ReplicaCluster cluster;
  private final String name;
  final String keyId;
  final String secret;
  final long limitNanoUsd;
  final long maxCostNanoUsd;
  private final int coveredCalls;
  private final long startNanos = System.nanoTime();

  RedisBudgetRun(ReplicaCluster cluster, String name, int coveredCalls, long maxCostNanoUsd) {
    this.cluster = cluster;
    this.name = name;
    this.coveredCalls = coveredCalls;
    this.maxCostNanoUsd = maxCostNanoUsd;
    this.limitNanoUsd = Math.multiplyExact(coveredCalls, maxCostNanoUsd);
    ReplicaCluster.Key key = cluster.issueKey(name, Money.ofNanoUsd(limitNanoUsd));
    this.keyId = key.id();
    this.secret = key.secret();
  }

  /** The largest cost of the load's request, as a refusal names it (a budget of 1 nano-USD). */
  static long probeMaxCost(ReplicaCluster cluster) {
    ReplicaCluster.Key key = cluster.issueKey("probe", Money.ofNanoUsd(1));
    try (BudgetLoad one = new BudgetLoad(cluster.balancer.base(), key.secret(), 1, 1, Duration.ZERO,
        new BudgetLoad.Budget(1, 1, 0), () -> false)) {
      one.awaitDone(DONE);
      assertThat(one.refused.get()).as("the probe is refused: %s", one.summary()).isEqualTo(1);
      return one.refusedMaxCostNanoUsd.get();
    }
  }

  BudgetLoad load(int threads, int calls, Duration pause) {
    return new BudgetLoad(cluster.balancer.base(), secret, threads, calls, pause,
        new BudgetLoad.Budget(limitNanoUsd, maxCostNanoUsd, 0), () -> false);
  }

  /**
   * Waits for every journal, reports, checks the invariants; answers the overspend in nano-USD.
   *
   * @param boundNanoUsd the overspend the scenario's bound allows (asserted)
   */
  long finish(BudgetLoad load, long boundNanoUsd, String predicted) throws Exception {
    cluster.awaitJournalsForwarded(DONE);
    Set<String> answered = new HashSet<>(load.answered2xx);
    ReplicaCluster.Ledger ledger = cluster.ledger(keyId);
    ReplicaCluster.Account account = cluster.account(keyId);
    Set<String> unclaimed = new HashSet<>(ledger.requestIds());
    unclaimed.removeAll(answered);
    long overspend = Math.max(0, ledger.totalNanoUsd() - limitNanoUsd);
    System.out.printf("[redis-replicas] %s: %s%n", name, load.summary());
    System.out.printf("[redis-replicas] %s: budget for %d calls (%d nano-USD, %d each at most); ledger %d"
            + " entries, %d nano-USD: utilization %.1f %%, overspend %d nano-USD (%.2f calls' worth);"
            + " predicted bound: %s; %.1f s%n",
        name, coveredCalls, limitNanoUsd, maxCostNanoUsd, ledger.entries(), ledger.totalNanoUsd(),
        100.0 * ledger.totalNanoUsd() / limitNanoUsd, overspend, (double) overspend / maxCostNanoUsd,
        predicted, (System.nanoTime() - startNanos) / 1e9);

    assertThat(load.duplicate2xx.get()).as("one request id answered twice").isZero();
    assertThat(load.other.get()).as("answers other than 2xx, budget 429, 503, upstream 502, unanswered")
        .isZero();
    assertThat(ledger.entries()).as("ledger entries with the same request id")
        .isEqualTo(ledger.requestIds().size());
    assertThat(ledger.requestIds()).as("every 2xx answer in the ledger").containsAll(answered);
    assertThat(unclaimed.size()).as("ledger entries no 2xx answer claims")
        .isLessThanOrEqualTo(load.unanswered.get());
    assertThat(account.postedNanoUsd()).as("PostgreSQL's posted == ledger total")
        .isEqualTo(ledger.totalNanoUsd());
    assertThat(overspend).as("overspend within the scenario's bound").isLessThanOrEqualTo(boundNanoUsd);
    return overspend;
  }
}
