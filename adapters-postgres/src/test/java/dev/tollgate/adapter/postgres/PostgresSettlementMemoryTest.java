package dev.tollgate.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetPeriod;
import dev.tollgate.domain.budget.HoldId;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.out.BudgetStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Settlements are remembered with their results, and forgotten with them: since V27 no foreign key
 * cascades from a settlement to its results, so the sweep deletes both.
 */
class PostgresSettlementMemoryTest {

  @RegisterExtension static final TestSchema SCHEMA = new TestSchema();

  private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

  @Test
  void forgettingASettlementForgetsItsResults() {
    BudgetStore budgets = SCHEMA.stores().budgets();
    Scope tenant = Scope.tenant(TenantId.of("t-forget"));
    Scope key = Scope.key(KeyId.of("k-forget"));
    budgets.putBudget(Budget.of(tenant, Money.usd("10"), BudgetPeriod.monthly()));
    budgets.putBudget(Budget.of(key, Money.usd("10"), BudgetPeriod.monthly()));
    budgets.settleAll(List.of(
        new BudgetStore.Settle(HoldId.of("old"), List.of(tenant, key), T0, Money.usd("1")),
        new BudgetStore.Settle(HoldId.of("new"), List.of(tenant, key), T0, Money.usd("2"))),
        T0);
    budgets.settleAll(List.of(
        new BudgetStore.Settle(HoldId.of("newer"), List.of(tenant, key), T0, Money.usd("3"))),
        T0.plus(Duration.ofDays(2)));
    assertThat(results("old") + results("new") + results("newer")).isEqualTo(6);

    budgets.expireHolds(T0.plus(Duration.ofDays(2)).plusSeconds(1));

    assertThat(count("budget_settlements WHERE hold_id IN ('old', 'new')")).isZero();
    assertThat(results("old") + results("new")).isZero();
    assertThat(count("budget_settlements WHERE hold_id = 'newer'")).isEqualTo(1);
    assertThat(results("newer")).isEqualTo(2);
  }

  private static long results(String holdId) {
    return count("budget_settlement_results WHERE hold_id = '" + holdId + "'");
  }

  private static long count(String from) {
    return TestDatabase.queryLong(SCHEMA.url(), "SELECT count(*) FROM " + SCHEMA.name() + "." + from);
  }
}
