package dev.tollgate.adapter.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.memory.InMemoryBudgetStore;
import dev.tollgate.adapter.memory.InMemorySpendLedger;
import dev.tollgate.adapter.memory.InMemoryStores;
import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetPeriod;
import dev.tollgate.domain.budget.HoldId;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.money.Money;
import dev.tollgate.port.out.BudgetStore;
import dev.tollgate.port.out.HoldOutcome;
import dev.tollgate.port.out.HoldRequest;
import dev.tollgate.port.out.StoreUnavailableException;
import dev.tollgate.port.out.Stores;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A graceful stop that lands while the sync thread is in a round must still give every idle
 * slice back. {@code ChartRollingRestartIT} once found a slice held after every pod had stopped
 * gracefully: the stop interrupted the sync thread mid-round, a database call (or the posting
 * gate's wait) answered the interrupt with a failure, the failure marked the store degraded, and
 * the stop then skipped giving slices back, leaving them to lapse a lease TTL later.
 */
class GracefulStopDuringSyncTest {

  private static final Scope KEY = Scope.key(Replica.KEY);

  @Test
  void a_stop_in_the_middle_of_a_sync_round_gives_the_idle_slices_back() throws Exception {
    ManualClock clock = new ManualClock(Instant.parse("2030-03-14T10:00:00Z"));
    InMemoryBudgetStore budgets = new InMemoryBudgetStore();
    budgets.putBudget(Budget.of(KEY, Money.usd("10.00"), BudgetPeriod.lifetime()));
    Stores memory = InMemoryStores.create();
    InMemorySpendLedger ledger = new InMemorySpendLedger();
    Stores shared = new Stores(memory.keys(), budgets, memory.rates(), memory.slots(), ledger,
        memory.prices(), memory.models(), memory.tenants());
    Semaphore inRound = new Semaphore(0);
    // A database call that answers an interrupt by failing, as a pool's wait for a connection
    // and the posting gate's wait both do.
    Runnable probe = () -> {
      inRound.release();
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreUnavailableException("interrupted while probing", e);
      }
    };
    LocalStores local = LocalStores.over(shared, LeaseSettings.defaults(), "r1",
        new StoreHealth(clock, true), clock, Runnable::run, probe);
    BudgetStore served = local.stores(shared, shared.keys(), ledger).budgets();
    Instant now = clock.instant();
    HoldId hold = HoldId.forRequest(RequestId.of("r1"));
    assertThat(served.placeHold(new HoldRequest(hold, Replica.SCOPES, Money.usd("0.10"), now,
        now.plus(Duration.ofMinutes(15))))).isInstanceOf(HoldOutcome.Held.class);
    served.settle(hold, Replica.SCOPES, now, Money.usd("0.05"), now);
    local.postingLedger(ledger).appendAll(List.of(Replica.entry("r1", Money.usd("0.05"), now)));
    assertThat(budgets.snapshot(KEY, now).orElseThrow().held().isPositive()).isTrue();

    local.start();
    assertThat(inRound.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
    local.close(); // lands in the round's database call

    assertThat(local.health().isDegraded()).as("a stop is no outage").isFalse();
    assertThat(budgets.snapshot(KEY, now).orElseThrow().held())
        .as("held after a graceful stop").isEqualTo(Money.ZERO);
    assertThat(budgets.snapshot(KEY, now).orElseThrow().posted())
        .isEqualTo(Money.usd("0.05"));
  }
}
