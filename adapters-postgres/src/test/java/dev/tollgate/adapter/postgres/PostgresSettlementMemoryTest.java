package dev.tollgate.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetPeriod;
import dev.tollgate.domain.budget.HoldId;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.budget.SettleResult;
import dev.tollgate.domain.budget.Settlement;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.out.BudgetStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Settlements are remembered with their results, and forgotten with them. A journal posting's
 * results live on its claim row (V28), and a repeated settle answers them as the first did; the
 * sweep forgets both at once.
 */
class PostgresSettlementMemoryTest {

  @RegisterExtension static final TestSchema SCHEMA = new TestSchema();

  private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

  @Test
  void forgettingASettlementForgetsItsResults() {
    BudgetStore budgets = SCHEMA.stores().budgets();
    Scope tenant = Scope.tenant(TenantId.of("t-forget"));
    Scope key = Scope.key(KeyId.of("k-forget"));
    budget(tenant, null);
    budget(key, null);
    budgets.settleAll(List.of(
        posting("old", List.of(tenant, key), "1"),
        posting("new", List.of(tenant, key), "2")),
        T0);
    budgets.settleAll(List.of(
        posting("newer", List.of(tenant, key), "3")),
        T0.plus(Duration.ofDays(2)));
    assertThat(count("budget_settlements WHERE hold_id IN ('old', 'new', 'newer')"
        + " AND posted_on IS NOT NULL")).isEqualTo(3);

    budgets.expireHolds(T0.plus(Duration.ofDays(2)).plusSeconds(1));

    assertThat(count("budget_settlements WHERE hold_id IN ('old', 'new')")).isZero();
    assertThat(count("budget_settlements WHERE hold_id = 'newer' AND posted_on IS NOT NULL"))
        .isEqualTo(1);
    assertThat(count("budget_settlement_results WHERE hold_id IN ('old', 'new', 'newer')"))
        .isZero();
  }

  @Test
  void aSettleRepeatedAfterABatchAnswersWhatTheBatchDid() {
    Scope tenant = Scope.tenant(TenantId.of("t-repeat"));
    Scope key = Scope.key(KeyId.of("k:9:+-")); // a key id with the encoding's separators in it
    List<Scope> chain = List.of(tenant, key);
    budget(tenant, null);
    budget(key, "2");
    BudgetStore budgets = SCHEMA.stores().budgets();
    budgets.settleAll(List.of(posting("r1", chain, "1"), posting("r2", chain, "1.5")), T0);

    Settlement first = budgets.settle(HoldId.of("r1"), List.of(tenant, key), T0, Money.usd("9"),
        T0.plusSeconds(1));
    Settlement second = budgets.settle(HoldId.of("r2"), List.of(tenant, key), T0, Money.usd("9"),
        T0.plusSeconds(1));

    SettleResult one = new SettleResult(Money.usd("1"), Money.ZERO, Money.usd("1"), true, false);
    assertThat(first.results()).containsExactly(
        new Settlement.ScopeResult(tenant, one), new Settlement.ScopeResult(key, one));
    Money cost = Money.usd("1.5");
    assertThat(second.results()).containsExactly( // the second crossed the key's soft limit
        new Settlement.ScopeResult(tenant, new SettleResult(cost, Money.ZERO, cost, true, false)),
        new Settlement.ScopeResult(key, new SettleResult(cost, Money.ZERO, cost, true, true)));
    assertThat(budgets.snapshot(key, T0.plusSeconds(1)).orElseThrow().posted())
        .isEqualTo(Money.usd("2.5"));
  }

  @Test
  void aBatchWithSomeSettledBeforePostsAndRemembersOnlyTheOthers() {
    BudgetStore budgets = SCHEMA.stores().budgets();
    Scope key = Scope.key(KeyId.of("k-replay"));
    budget(key, "2");
    BudgetStore.Settle a = posting("a", List.of(key), "1.5");
    BudgetStore.Settle b = posting("b", List.of(key), "1");
    budgets.settleAll(List.of(a), T0);

    // replayed with a new one: a counts once, and b crosses the soft limit after a, not after a twice
    budgets.settleAll(List.of(a, b), T0.plusSeconds(1));

    assertThat(budgets.snapshot(key, T0.plusSeconds(1)).orElseThrow().posted())
        .isEqualTo(Money.usd("2.5"));
    Settlement again = budgets.settle(HoldId.of("b"), List.of(key), T0, Money.usd("7"),
        T0.plusSeconds(2));
    assertThat(again.results()).containsExactly(new Settlement.ScopeResult(key,
        new SettleResult(Money.usd("1"), Money.ZERO, Money.usd("1"), true, true)));
  }

  /** A monthly budget of $10 on {@code scope}, with a soft limit of {@code softUsd} (or none). */
  private static void budget(Scope scope, String softUsd) {
    SCHEMA.stores().budgets().putBudget(new Budget(scope, Money.usd("10"), BudgetPeriod.monthly(),
        Optional.ofNullable(softUsd).map(Money::usd)));
  }

  /** A journal posting of {@code usd} on {@code scopes}, held at T0. */
  private static BudgetStore.Settle posting(String id, List<Scope> scopes, String usd) {
    return new BudgetStore.Settle(HoldId.of(id), scopes, T0, Money.usd(usd));
  }

  private static long count(String from) {
    return TestDatabase.queryLong(SCHEMA.url(), "SELECT count(*) FROM " + SCHEMA.name() + "." + from);
  }
}
