package dev.tollgate.adapter.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.adapter.memory.InMemoryBudgetStore;
import dev.tollgate.adapter.memory.InMemoryRateWindowStore;
import dev.tollgate.adapter.memory.InMemorySlotStore;
import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetPeriod;
import dev.tollgate.domain.budget.HoldId;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.rate.ParallelLimit;
import dev.tollgate.domain.rate.RateKind;
import dev.tollgate.domain.rate.RateLimit;
import dev.tollgate.port.out.BudgetStore;
import dev.tollgate.port.out.HoldOutcome;
import dev.tollgate.port.out.HoldRequest;
import dev.tollgate.port.out.RateOutcome;
import dev.tollgate.port.out.RateWindowStore;
import dev.tollgate.port.out.SlotOutcome;
import dev.tollgate.port.out.SlotStore;
import dev.tollgate.port.out.StoreUnavailableException;
import dev.tollgate.port.out.contract.BudgetStoreContract;
import dev.tollgate.port.out.contract.RateWindowStoreContract;
import dev.tollgate.port.out.contract.SlotStoreContract;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The failover decorators over a fast store the test cuts (Redis in production) and a local one
 * (the leased and synced state): still the ports while the fast store answers; while it does not,
 * the local state serves, holds open on the fast store are carried over first, and what the fast
 * store missed is replayed into it before it is trusted again (unless it restarted empty).
 */
class FailoverStoresTest {

  private static final Instant NOW = Instant.parse("2030-03-14T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private final Scope scope = Scope.key(KeyId.of("k-failover"));
  private final Switch fastSwitch = new Switch();
  private final SharedStateFailover failover = new SharedStateFailover("Redis", CLOCK, true);

  @Nested
  class Budgets extends BudgetStoreContract {
    @Override
    protected BudgetStore newStore() {
      return new FailoverBudgetStore(new InMemoryBudgetStore(), new InMemoryBudgetStore(),
          new SharedStateFailover("Redis", Clock.systemUTC(), true));
    }
  }

  @Nested
  class Rates extends RateWindowStoreContract {
    @Override
    protected RateWindowStore newStore() {
      return new FailoverRateWindowStore(new InMemoryRateWindowStore(),
          new InMemoryRateWindowStore(), new SharedStateFailover("Redis", Clock.systemUTC(), true));
    }
  }

  @Nested
  class Slots extends SlotStoreContract {
    @Override
    protected SlotStore newStore() {
      return new FailoverSlotStore(new InMemorySlotStore(), new InMemorySlotStore(),
          new SharedStateFailover("Redis", Clock.systemUTC(), true));
    }
  }

  private HoldRequest hold(String id, long nanoUsd) {
    return new HoldRequest(HoldId.of(id), List.of(scope), Money.ofNanoUsd(nanoUsd), NOW,
        NOW.plus(Duration.ofMinutes(10)));
  }

  @Test
  void holdsOpenOnTheFastStoreAreCarriedSoTheLocalStateCannotOverspendThem() {
    InMemoryBudgetStore fastBackend = new InMemoryBudgetStore();
    InMemoryBudgetStore local = new InMemoryBudgetStore();
    Budget budget = Budget.of(scope, Money.ofNanoUsd(10), BudgetPeriod.lifetime());
    fastBackend.putBudget(budget);
    local.putBudget(budget);
    BudgetStore budgets = new FailoverBudgetStore(
        fastSwitch.over(BudgetStore.class, fastBackend), local, failover);
    failover.check(() -> "redis-1");

    assertThat(budgets.placeHold(hold("h1", 4))).isInstanceOf(HoldOutcome.Held.class);
    fastSwitch.down.set(true);
    failover.check(FailoverStoresTest::unreachable);

    assertThat(budgets.placeHold(hold("h2", 4))).isInstanceOf(HoldOutcome.Held.class);
    assertThat(failover.degradation()).get().extracting(StoreHealth.Degradation::reason)
        .asString().startsWith("Redis unreachable");
    assertThat(budgets.placeHold(hold("h3", 4))).as("h1 carried: 4 + 4 + 4 > 10")
        .isInstanceOf(HoldOutcome.Refused.class);
    assertThat(local.snapshot(scope, NOW).orElseThrow().held()).isEqualTo(Money.ofNanoUsd(8));

    budgets.settle(HoldId.of("h1"), List.of(scope), NOW, Money.ofNanoUsd(3), NOW);
    budgets.settle(HoldId.of("h2"), List.of(scope), NOW, Money.ofNanoUsd(2), NOW);
    assertThat(failover.replayPending()).isEqualTo(2);
    assertThat(local.snapshot(scope, NOW).orElseThrow().posted()).isEqualTo(Money.ofNanoUsd(5));

    fastSwitch.down.set(false);
    failover.check(() -> "redis-1");

    assertThat(failover.degradation()).isEmpty();
    assertThat(failover.replayed()).isEqualTo(2);
    var reconciled = fastBackend.snapshot(scope, NOW).orElseThrow();
    assertThat(reconciled.posted()).as("the outage's spend, replayed").isEqualTo(Money.ofNanoUsd(5));
    assertThat(reconciled.held()).as("h1's hold released by its replayed settlement")
        .isEqualTo(Money.ZERO);
    assertThat(failover.servedLocally()).isEqualTo(2);
  }

  @Test
  void aFastStoreThatRestartedEmptyIsStillToldTheOutagesSpend() {
    InMemoryBudgetStore fastBackend = new InMemoryBudgetStore();
    InMemoryBudgetStore local = new InMemoryBudgetStore();
    Budget budget = Budget.of(scope, Money.ofNanoUsd(10), BudgetPeriod.lifetime());
    fastBackend.putBudget(budget);
    local.putBudget(budget);
    BudgetStore budgets = new FailoverBudgetStore(
        fastSwitch.over(BudgetStore.class, fastBackend), local, failover);
    failover.check(() -> "redis-1");
    fastSwitch.down.set(true);
    failover.check(FailoverStoresTest::unreachable);
    budgets.placeHold(hold("h1", 4));
    budgets.settle(HoldId.of("h1"), List.of(scope), NOW, Money.ofNanoUsd(3), NOW);

    fastSwitch.down.set(false);
    failover.check(() -> "redis-2");

    assertThat(failover.degradation()).isEmpty();
    assertThat(failover.replayDropped()).isZero();
    assertThat(fastBackend.snapshot(scope, NOW).orElseThrow().posted())
        .as("told, even if what it learned may hold it already: never less than spent")
        .isEqualTo(Money.ofNanoUsd(3));
  }

  @Test
  void aFastStoreThatRestartedEmptyGetsTheLiveRequestsHoldsBackBeforeItIsTrusted() {
    Budget budget = Budget.of(scope, Money.ofNanoUsd(10), BudgetPeriod.lifetime());
    InMemoryBudgetStore local = new InMemoryBudgetStore();
    local.putBudget(budget);
    InMemoryBudgetStore first = new InMemoryBudgetStore();
    first.putBudget(budget);
    var fastBackend = new java.util.concurrent.atomic.AtomicReference<BudgetStore>(first);
    BudgetStore budgets = new FailoverBudgetStore(
        fastSwitch.over(BudgetStore.class, fastBackend), local, failover);
    failover.check(() -> "redis-1");
    budgets.placeHold(hold("before", 4));
    fastSwitch.down.set(true);
    failover.check(FailoverStoresTest::unreachable);
    budgets.placeHold(hold("during", 3));

    InMemoryBudgetStore restarted = new InMemoryBudgetStore();
    restarted.putBudget(budget); // what learning from the durable store gives it back
    fastBackend.set(restarted);
    fastSwitch.down.set(false);
    failover.check(() -> "redis-2");

    assertThat(failover.restarts()).isEqualTo(1);
    assertThat(restarted.snapshot(scope, NOW).orElseThrow().held())
        .as("both live requests held again").isEqualTo(Money.ofNanoUsd(7));
    assertThat(budgets.placeHold(hold("after", 4))).isInstanceOf(HoldOutcome.Refused.class);
    budgets.settle(HoldId.of("before"), List.of(scope), NOW, Money.ofNanoUsd(4), NOW);
    assertThat(restarted.snapshot(scope, NOW).orElseThrow().posted()).isEqualTo(Money.ofNanoUsd(4));
  }

  @Test
  void windowsCountedLocallyAreAddedToTheFastStoresBucketsWhenItIsBack() {
    InMemoryRateWindowStore fastBackend = new InMemoryRateWindowStore();
    InMemoryRateWindowStore local = new InMemoryRateWindowStore();
    RateLimit limit = RateLimit.perMinute(scope, RateKind.REQUESTS, 5);
    fastBackend.putLimit(limit);
    local.putLimit(limit);
    RateWindowStore rates = new FailoverRateWindowStore(
        fastSwitch.over(RateWindowStore.class, fastBackend), local, failover);
    rates.tryAcquire(List.of(scope), 2, 0, NOW);
    fastSwitch.down.set(true);
    failover.check(FailoverStoresTest::unreachable);

    for (int i = 0; i < 3; i++) {
      assertThat(rates.tryAcquire(List.of(scope), 1, 0, NOW)).isInstanceOf(RateOutcome.Acquired.class);
    }
    fastSwitch.down.set(false);
    failover.check(() -> "redis-1");

    assertThat(fastBackend.usage(scope, RateKind.REQUESTS, NOW).orElseThrow().used()).isEqualTo(5);
    assertThat(rates.tryAcquire(List.of(scope), 1, 0, NOW)).isInstanceOf(RateOutcome.Limited.class);
  }

  @Test
  void aLocalWindowAdmitsNoMoreThanTheFastStoresLastAnswerLeft() {
    InMemoryRateWindowStore fastBackend = new InMemoryRateWindowStore();
    InMemoryRateWindowStore local = new InMemoryRateWindowStore(); // knows nothing of the 4 used
    RateLimit limit = RateLimit.perMinute(scope, RateKind.REQUESTS, 5);
    fastBackend.putLimit(limit);
    local.putLimit(limit);
    RateWindowStore rates = new FailoverRateWindowStore(
        fastSwitch.over(RateWindowStore.class, fastBackend), local, failover);
    rates.tryAcquire(List.of(scope), 4, 0, NOW);
    fastSwitch.down.set(true);
    failover.check(FailoverStoresTest::unreachable);

    assertThat(rates.tryAcquire(List.of(scope), 1, 0, NOW)).isInstanceOf(RateOutcome.Acquired.class);
    assertThat(rates.tryAcquire(List.of(scope), 1, 0, NOW)).isInstanceOf(RateOutcome.Limited.class);
    assertThat(local.usage(scope, RateKind.REQUESTS, NOW).orElseThrow().used())
        .as("the refused count given back").isEqualTo(1);
    assertThat(rates.tryAcquire(List.of(scope), 1, 0, NOW.plus(Duration.ofMinutes(2))))
        .as("a window after the last view the local window is on its own")
        .isInstanceOf(RateOutcome.Acquired.class);
  }

  @Test
  void aSlotTheFastStoreCouldNotBeGivenBackIsGivenBackWhenItIsBack() {
    InMemorySlotStore fastBackend = new InMemorySlotStore();
    fastBackend.putLimit(new ParallelLimit(scope, 1));
    SlotStore slots = new FailoverSlotStore(
        fastSwitch.over(SlotStore.class, fastBackend), new InMemorySlotStore(), failover);
    assertThat(slots.tryAcquire(List.of(scope), "r1", NOW.plusSeconds(600), NOW))
        .isInstanceOf(SlotOutcome.Acquired.class);
    fastSwitch.down.set(true);
    failover.check(FailoverStoresTest::unreachable);

    slots.release(List.of(scope), "r1");
    assertThat(fastBackend.inUse(scope, NOW)).isEqualTo(1);
    fastSwitch.down.set(false);
    failover.check(() -> "redis-1");

    assertThat(fastBackend.inUse(scope, NOW)).isZero();
  }

  @Test
  void withTheSwitchOffAnUnreachableFastStoreIsA503NotTheLocalState() {
    SharedStateFailover strict = new SharedStateFailover("Redis", CLOCK, false);
    BudgetStore budgets = new FailoverBudgetStore(
        fastSwitch.over(BudgetStore.class, new InMemoryBudgetStore()), new InMemoryBudgetStore(),
        strict);
    fastSwitch.down.set(true);
    failover.check(FailoverStoresTest::unreachable);

    assertThatThrownBy(() -> budgets.placeHold(hold("h1", 1)))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("allow-requests-on-db-unavailable is off");
    strict.check(FailoverStoresTest::unreachable);
    assertThat(strict.degradation()).isPresent();
  }

  private static String unreachable() {
    throw new StoreUnavailableException("connection refused");
  }

  @Test
  void aTimedOutCallIsAnsweredLocallyButOnlyTheProbeDeclaresAnOutage() {
    InMemoryBudgetStore local = new InMemoryBudgetStore();
    BudgetStore budgets = new FailoverBudgetStore(
        fastSwitch.over(BudgetStore.class, new InMemoryBudgetStore()), local, failover);
    fastSwitch.timeout.set(true);

    assertThat(budgets.placeHold(hold("h1", 1))).isInstanceOf(HoldOutcome.Held.class);
    assertThat(failover.failedCalls()).isEqualTo(1);
    assertThat(failover.degradation()).as("a blip is no outage").isEmpty();
    fastSwitch.timeout.set(false);
    assertThat(budgets.placeHold(hold("h2", 1))).isInstanceOf(HoldOutcome.Held.class);
    assertThat(failover.servedLocally()).isEqualTo(1);
  }

  @Test
  void theProbeNoticesAnOutageWithoutTraffic() {
    failover.check(() -> {
      throw new StoreUnavailableException("connection refused");
    });

    assertThat(failover.degradation()).isPresent();
    assertThat(failover.outages()).isEqualTo(1);
  }
}
