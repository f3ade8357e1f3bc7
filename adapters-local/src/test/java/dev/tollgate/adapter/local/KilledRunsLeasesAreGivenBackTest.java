package dev.tollgate.adapter.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.memory.InMemoryBudgetStore;
import dev.tollgate.adapter.memory.InMemorySpendLedger;
import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetPeriod;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.budget.BudgetSnapshot;
import dev.tollgate.domain.ledger.SpendQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A run killed with costs its journal had not posted: the next run on the same journal gives back
 * the killed run's lease holds, but only once those costs are posted (they are all the holds still
 * covered), so nothing is released that an unposted cost depends on and nothing counts twice.
 */
class KilledRunsLeasesAreGivenBackTest {

  private static final Instant T0 = Instant.parse("2030-03-14T10:00:00Z");
  private static final Scope KEY = Scope.key(Replica.KEY);

  private final ManualClock clock = new ManualClock(T0);
  private final InMemoryBudgetStore shared = new InMemoryBudgetStore();
  private final InMemorySpendLedger ledger = new InMemorySpendLedger();

  @BeforeEach
  void budget() {
    shared.putBudget(Budget.of(KEY, Money.usd("1.00"), BudgetPeriod.lifetime()));
  }

  private Replica run(String name) {
    return new Replica(name, shared, ledger, LeaseSettings.defaults(), clock,
        new StoreHealth(clock, true));
  }

  private BudgetSnapshot truth() {
    return shared.snapshot(KEY, clock.instant()).orElseThrow();
  }

  @Test
  void the_killed_runs_holds_go_back_once_its_journal_is_posted_and_not_before() {
    Replica killed = run("r1-1");
    assertThat(killed.request("a", Money.usd("0.10"), Money.usd("0.07"))).isTrue();
    assertThat(killed.request("b", Money.usd("0.10"), Money.usd("0.05"))).isTrue();
    assertThat(truth().held()).as("the killed run's slice").isGreaterThan(Money.usd("0.12"));
    // kill -9: nothing posted, nothing given back; the journal survives

    Replica next = run("r1-2");
    next.budgets.carryUnposted(killed.journal(), List.of("r1-1"), clock.instant());
    next.budgets.tick(clock.instant());
    assertThat(next.budgets.predecessorHoldsReleased()).as("costs unposted: holds stay").isZero();
    assertThat(truth().held()).isGreaterThan(Money.usd("0.12"));

    new BudgetPostingLedger(ledger, shared, next.budgets, clock).appendAll(killed.journal());
    clock.advance(Duration.ofMillis(250));
    next.budgets.tick(clock.instant());

    assertThat(next.budgets.predecessorHoldsReleased()).isPositive();
    assertThat(truth().posted()).isEqualTo(Money.usd("0.12"));
    assertThat(shared.releaseAll(LeasedBudgetStore.leasePrefix("r1-1"))).isZero();
    next.budgets.releaseIdle();
    assertThat(truth().held()).as("a quiet key holds nothing").isEqualTo(Money.ZERO);
    assertThat(ledger.total(SpendQuery.forTenant(Replica.TENANT, Instant.EPOCH,
        T0.plus(Duration.ofDays(1)))).cost()).isEqualTo(Money.usd("0.12"));
  }

  @Test
  void a_cost_the_journal_posted_before_the_restart_read_it_is_not_waited_for() {
    Replica killed = run("r1-1");
    assertThat(killed.request("a", Money.usd("0.10"), Money.usd("0.07"))).isTrue();
    Replica next = run("r1-2");
    // the forwarder of the new run posts before the run carries the journal
    new BudgetPostingLedger(ledger, shared, next.budgets, clock).appendAll(killed.journal());

    next.budgets.carryUnposted(killed.journal(), List.of("r1-1"), clock.instant());
    next.budgets.tick(clock.instant());

    assertThat(next.budgets.predecessorHoldsReleased()).isPositive();
    assertThat(truth().posted()).isEqualTo(Money.usd("0.07"));
    assertThat(next.budgets.snapshot(KEY, clock.instant()).orElseThrow().posted())
        .as("counted once here too").isEqualTo(Money.usd("0.07"));
  }
}
