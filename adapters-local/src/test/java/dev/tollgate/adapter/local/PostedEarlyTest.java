package dev.tollgate.adapter.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.memory.InMemoryBudgetStore;
import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetPeriod;
import dev.tollgate.domain.budget.HoldId;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.money.Money;
import dev.tollgate.port.out.HoldOutcome;
import dev.tollgate.port.out.HoldRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the lease book remembers of a posting: a hold it has not settled yet (posted early, so its
 * settlement does not count it again), never one it settled already, with or without a lease.
 */
class PostedEarlyTest {

  private static final Instant T0 = Instant.parse("2030-03-14T10:00:00Z");
  private static final Scope BUDGETED = Scope.key(KeyId.of("key_budgeted"));
  private static final Scope UNBUDGETED = Scope.key(KeyId.of("key_free"));

  private final ManualClock clock = new ManualClock(T0);
  private final InMemoryBudgetStore shared = new InMemoryBudgetStore();
  private final LeasedBudgetStore budgets =
      new LeasedBudgetStore(shared, LeaseSettings.defaults(), "a", new StoreHealth(clock, true));
  private final LeaseBook book = budgets.book();

  @Test
  void a_settled_request_without_a_budget_is_not_remembered_when_posted() {
    HoldId hold = HoldId.of("req:free");
    budgets.settle(hold, List.of(UNBUDGETED), T0, Money.usd("0.01"), T0);

    post(List.of(hold));

    assertThat(book.postedAlready(hold)).isFalse();
  }

  @Test
  void a_settled_request_on_a_lease_is_not_remembered_when_posted() {
    shared.putBudget(Budget.of(BUDGETED, Money.usd("1.00"), BudgetPeriod.lifetime()));
    HoldId hold = HoldId.of("req:leased");
    assertThat(budgets.placeHold(new HoldRequest(hold, List.of(BUDGETED), Money.usd("0.02"), T0,
        T0.plus(Duration.ofMinutes(15))))).isInstanceOf(HoldOutcome.Held.class);
    budgets.settle(hold, List.of(BUDGETED), T0, Money.usd("0.01"), T0);

    post(List.of(hold));

    assertThat(book.postedAlready(hold)).isFalse();
  }

  @Test
  void a_posting_marks_the_cost_posted_on_exactly_the_leases_its_request_settled_on() {
    shared.putBudget(Budget.of(BUDGETED, Money.usd("1.00"), BudgetPeriod.lifetime()));
    List<HoldId> placed = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      Scope key = Scope.key(KeyId.of("key_" + i));
      shared.putBudget(Budget.of(key, Money.usd("1.00"), BudgetPeriod.lifetime()));
      HoldId hold = HoldId.of("req:" + i);
      assertThat(budgets.placeHold(new HoldRequest(hold, List.of(key, BUDGETED), Money.usd("0.02"),
          T0, T0.plus(Duration.ofMinutes(15))))).isInstanceOf(HoldOutcome.Held.class);
      budgets.settle(hold, List.of(key, BUDGETED), T0, Money.usd("0.01"), T0);
      placed.add(hold);
    }
    HoldId missing = HoldId.of("req:never-held"); // settled on the budgeted key's lease as missing
    budgets.settle(missing, List.of(BUDGETED, UNBUDGETED), T0, Money.usd("0.05"), T0);
    // 40 requests on two leases each (0.01 each on both), and the missing one on one
    assertThat(book.exposedNanoUsd()).isEqualTo(Money.usd("0.85").nanoUsd());

    post(placed.subList(0, 10));
    assertThat(book.exposedNanoUsd()).isEqualTo(Money.usd("0.65").nanoUsd());
    post(placed.subList(0, 10)); // posted again (a replayed batch): no change
    assertThat(book.exposedNanoUsd()).isEqualTo(Money.usd("0.65").nanoUsd());
    post(List.of(missing));
    assertThat(book.exposedNanoUsd()).isEqualTo(Money.usd("0.60").nanoUsd());
    post(placed.subList(10, 40));
    assertThat(book.exposedNanoUsd()).isZero();
    assertThat(placed).noneMatch(book::postedAlready);
  }

  @Test
  void a_request_posted_before_it_settled_here_is_remembered_and_its_settlement_uses_it() {
    shared.putBudget(Budget.of(BUDGETED, Money.usd("1.00"), BudgetPeriod.lifetime()));
    HoldId open = HoldId.of("req:open");
    HoldId unseen = HoldId.of("req:unseen");
    assertThat(budgets.placeHold(new HoldRequest(open, List.of(BUDGETED), Money.usd("0.02"), T0,
        T0.plus(Duration.ofMinutes(15))))).isInstanceOf(HoldOutcome.Held.class);

    post(List.of(open, unseen));

    assertThat(book.postedAlready(open)).as("held here, not settled yet").isTrue();
    assertThat(book.postedAlready(unseen)).as("never held or settled here").isTrue();
    budgets.settle(open, List.of(BUDGETED), T0, Money.usd("0.01"), T0);
    assertThat(book.postedAlready(open)).as("its settlement took it").isFalse();
    assertThat(book.exposedNanoUsd()).as("posted before it settled: nothing unposted stays")
        .isZero();
  }

  /** One posting batch, as the journal's forwarder finishes it. */
  private void post(List<HoldId> batch) {
    budgets.postingStarted();
    budgets.postingFinished(batch);
  }
}
