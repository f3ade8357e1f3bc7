package dev.tollgate.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetPeriod;
import dev.tollgate.domain.budget.HoldId;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.rate.ParallelLimit;
import dev.tollgate.domain.rate.RateKind;
import dev.tollgate.domain.rate.RateLimit;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.out.AdmissionStore;
import dev.tollgate.port.out.BudgetStore;
import dev.tollgate.port.out.HoldOutcome;
import dev.tollgate.port.out.HoldRequest;
import dev.tollgate.port.out.RateOutcome;
import dev.tollgate.port.out.RateWindowStore;
import dev.tollgate.port.out.SlotOutcome;
import dev.tollgate.port.out.SlotStore;
import dev.tollgate.port.out.StoreUnavailableException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redis restarted empty (its keys under the prefix deleted, as a restart without persistence
 * leaves them): each scope is learned again from the durable stores before Redis is trusted with
 * it, budgets with their current window's posted total, so the limits still hold.
 */
class RedisRestartedEmptyTest {

  private static final Instant NOW = Instant.parse("2030-03-14T10:00:00Z");

  private RedisSettings settings;
  private RedisStores durableRedis; // the durable stores: Redis under another prefix, no learning
  private RedisSettings durableSettings;
  private RedisStores stores;
  private final Scope scope = Scope.tenant(TenantId.of("t-" + UUID.randomUUID()));

  @BeforeEach
  void open() {
    settings = TestRedis.fresh();
    durableSettings = TestRedis.fresh();
    durableRedis = RedisStores.open(durableSettings);
    stores = RedisStores.open(settings, new RedisStores.Durable(
        durableRedis.budgets(), durableRedis.rates(), durableRedis.slots()));
  }

  @AfterEach
  void close() {
    stores.close();
    durableRedis.close();
    TestRedis.clean(settings);
    TestRedis.clean(durableSettings);
  }

  /**
   * What the probe does when it sees a new epoch (once this replica stopped using Redis): adopts
   * it; until then every script is fenced, as {@link #aReplicaThatHasNotNoticedTheRestartIsFenced}.
   */
  private void restartNoticed() {
    stores.adopt(stores.serverId());
  }

  @Test
  void aReplicaThatHasNotNoticedTheRestartIsFenced() {
    define();
    String before = stores.serverId();

    TestRedis.clean(settings); // Redis restarted empty

    HoldRequest hold = new HoldRequest(HoldId.of("h-" + UUID.randomUUID()), List.of(scope),
        Money.usd("1"), NOW, NOW.plusSeconds(60));
    assertThatThrownBy(() -> stores.budgets().placeHold(hold))
        .as("no admission against the empty Redis before the restart is noticed")
        .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("FENCED");
    String after = stores.serverId();
    assertThat(after).as("a new epoch").isNotEqualTo(before);
    assertThatThrownBy(() -> stores.admissions().take(new AdmissionStore.Take(List.of(scope), "a",
        NOW.plusSeconds(30), 1, 0, hold))).isInstanceOf(StoreUnavailableException.class);
    assertThat(stores.epoch().age()).as("begun by Redis's clock just now")
        .isLessThan(java.time.Duration.ofMinutes(1));
    stores.adopt(after);
    assertThat(stores.budgets().placeHold(hold)).isInstanceOf(HoldOutcome.Held.class);
  }

  /** Definitions go to the durable store first, as the app's write-through does. */
  private void define() {
    Budget budget = Budget.of(scope, Money.usd("10"), BudgetPeriod.daily());
    RateLimit rpm = RateLimit.perMinute(scope, RateKind.REQUESTS, 2);
    ParallelLimit parallel = new ParallelLimit(scope, 1);
    durableRedis.budgets().putBudget(budget);
    durableRedis.rates().putLimit(rpm);
    durableRedis.slots().putLimit(parallel);
    stores.budgets().putBudget(budget);
    stores.rates().putLimit(rpm);
    stores.slots().putLimit(parallel);
  }

  @Test
  void lostDefinitionsAndPostedTotalsAreLearnedAgainBeforeRedisIsTrusted() {
    define();
    BudgetStore budgets = stores.budgets();
    HoldId spent = HoldId.of("h-" + UUID.randomUUID());
    budgets.placeHold(new HoldRequest(spent, List.of(scope), Money.usd("7"), NOW, NOW.plusSeconds(60)));
    budgets.settle(spent, List.of(scope), NOW, Money.usd("7"), NOW);
    durableRedis.budgets().settle(spent, List.of(scope), NOW, Money.usd("7"), NOW); // the journal

    TestRedis.clean(settings); // Redis restarted empty
    restartNoticed();

    HoldOutcome tooMuch = budgets.placeHold(new HoldRequest(HoldId.of("h-" + UUID.randomUUID()),
        List.of(scope), Money.usd("4"), NOW, NOW.plusSeconds(60)));
    assertThat(tooMuch).isInstanceOf(HoldOutcome.Refused.class);
    assertThat(budgets.snapshot(scope, NOW).orElseThrow().posted()).isEqualTo(Money.usd("7"));
    RateWindowStore rates = stores.rates();
    assertThat(rates.tryAcquire(List.of(scope), 1, 0, NOW)).isInstanceOf(RateOutcome.Acquired.class);
    assertThat(rates.tryAcquire(List.of(scope), 1, 0, NOW)).isInstanceOf(RateOutcome.Acquired.class);
    assertThat(rates.tryAcquire(List.of(scope), 1, 0, NOW)).isInstanceOf(RateOutcome.Limited.class);
    SlotStore slots = stores.slots();
    assertThat(slots.tryAcquire(List.of(scope), "a", NOW.plusSeconds(30), NOW))
        .isInstanceOf(SlotOutcome.Acquired.class);
    assertThat(slots.tryAcquire(List.of(scope), "b", NOW.plusSeconds(30), NOW))
        .isInstanceOf(SlotOutcome.Busy.class);
  }

  @Test
  void aScopeWithoutDefinitionsIsLearnedAsUnlimitedOnce() {
    TestRedis.clean(settings);
    restartNoticed();

    assertThat(stores.budgets().placeHold(new HoldRequest(HoldId.of("h-" + UUID.randomUUID()),
        List.of(scope), Money.usd("1000"), NOW, NOW.plusSeconds(60))))
        .isInstanceOf(HoldOutcome.Held.class);
    assertThat(stores.budgets().snapshot(scope, NOW)).isEmpty();
    assertThat(stores.rates().tryAcquire(List.of(scope), 1, 0, NOW))
        .isEqualTo(new RateOutcome.Acquired(List.of()));
  }

  @Test
  void oneAdmissionLearnsEveryLostScopeThenTakesAllThree() {
    define();
    HoldId spent = HoldId.of("h-" + UUID.randomUUID());
    stores.budgets().placeHold(
        new HoldRequest(spent, List.of(scope), Money.usd("7"), NOW, NOW.plusSeconds(60)));
    stores.budgets().settle(spent, List.of(scope), NOW, Money.usd("7"), NOW);
    durableRedis.budgets().settle(spent, List.of(scope), NOW, Money.usd("7"), NOW);

    TestRedis.clean(settings); // Redis restarted empty
    restartNoticed();

    AdmissionStore.Take tooMuch = new AdmissionStore.Take(List.of(scope), "a",
        NOW.plusSeconds(30), 1, 0, new HoldRequest(HoldId.of("h-" + UUID.randomUUID()),
            List.of(scope), Money.usd("4"), NOW, NOW.plusSeconds(60)));
    AdmissionStore.Taken taken = stores.admissions().take(tooMuch);

    AdmissionStore.Taken.Holding holding = (AdmissionStore.Taken.Holding) taken;
    assertThat(holding.slotScopes()).as("the slot limit, learned").containsExactly(scope);
    assertThat(holding.receipts()).as("the RPM limit, learned").hasSize(1);
    assertThat(holding.hold()).as("the posted total, learned").isInstanceOf(HoldOutcome.Refused.class);
    assertThat(stores.admissions().take(new AdmissionStore.Take(List.of(scope), "b",
        NOW.plusSeconds(30), 1, 0, new HoldRequest(HoldId.of("h-" + UUID.randomUUID()),
            List.of(scope), Money.usd("1"), NOW, NOW.plusSeconds(60)))))
        .isInstanceOf(AdmissionStore.Taken.SlotsBusy.class);
  }
}
