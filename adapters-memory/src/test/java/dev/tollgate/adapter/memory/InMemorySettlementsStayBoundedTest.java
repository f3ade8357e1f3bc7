package dev.tollgate.adapter.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetPeriod;
import dev.tollgate.domain.budget.HoldId;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.budget.Settlement;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.tenancy.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The in-memory budget store remembers settled hold ids (a repeated settle answers the first
 * and posts nothing) for the newest ones only: its heap is bounded by that count, not by the
 * requests it has settled. The service settled ~908,000 requests in a few minutes and kept every
 * one for the day's retention before the bound.
 */
class InMemorySettlementsStayBoundedTest {

  private static final Instant T0 = Instant.parse("2030-03-13T10:00:00Z");
  private final Scope tenant = Scope.tenant(TenantId.of("acme"));

  @Test
  void theNewestSettlementsAreRememberedAndTheCountStaysAtTheBound() {
    InMemoryBudgetStore store = new InMemoryBudgetStore(1_000);
    store.putBudget(Budget.of(tenant, Money.ofNanoUsd(1_000_000_000_000L), BudgetPeriod.lifetime()));
    Settlement newest = null;
    for (int i = 0; i < 50_000; i++) {
      newest = store.settle(HoldId.of("h" + i), List.of(tenant), T0, Money.ofNanoUsd(7), T0);
      assertThat(store.rememberedSettlements()).isLessThanOrEqualTo(1_000);
    }
    Money posted = posted(store);
    assertThat(posted).isEqualTo(Money.ofNanoUsd(7L * 50_000));

    // a repeat of one of the newest answers the first settlement and posts nothing more
    Settlement again =
        store.settle(HoldId.of("h49999"), List.of(tenant), T0, Money.ofNanoUsd(7), T0);
    assertThat(again).isEqualTo(newest);
    assertThat(posted(store)).isEqualTo(posted);
    assertThat(store.rememberedSettlements()).isEqualTo(1_000);
  }

  @Test
  void settlementsOlderThanADayAreForgottenAtTheSweepAndYoungerOnesKept() {
    InMemoryBudgetStore store = new InMemoryBudgetStore(1_000);
    store.putBudget(Budget.of(tenant, Money.ofNanoUsd(1_000_000_000_000L), BudgetPeriod.lifetime()));
    for (int i = 0; i < 10; i++) {
      Instant at = T0.plus(Duration.ofHours(i));
      store.settle(HoldId.of("h" + i), List.of(tenant), at, Money.ofNanoUsd(7), at);
    }

    store.expireHolds(T0.plus(Duration.ofHours(28)).plusSeconds(1));

    assertThat(store.rememberedSettlements()).as("settled at hours 5 to 9 kept").isEqualTo(5);
  }

  @Test
  void aNewStoreRemembersNothingAndTheServiceBoundIsAHundredThousand() {
    assertThat(InMemoryBudgetStore.REMEMBERED_SETTLEMENTS).isEqualTo(100_000);
    assertThat(new InMemoryBudgetStore().rememberedSettlements()).isZero();
  }

  private Money posted(InMemoryBudgetStore store) {
    return store.snapshot(tenant, T0).orElseThrow().posted();
  }
}
