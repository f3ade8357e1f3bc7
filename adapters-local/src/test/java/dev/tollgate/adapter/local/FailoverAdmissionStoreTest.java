package dev.tollgate.adapter.local;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.tollgate.port.out.AdmissionStore;
import dev.tollgate.port.out.BudgetStore;
import dev.tollgate.port.out.HoldOutcome;
import dev.tollgate.port.out.HoldRequest;
import dev.tollgate.port.out.RateWindowStore;
import dev.tollgate.port.out.SlotStore;
import dev.tollgate.port.out.StoreUnavailableException;
import dev.tollgate.port.out.contract.AdmissionStoreContract;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@link FailoverAdmissionStore}: the admission contract while the fast store answers; while it
 * does not, the three steps run on the local state (slots, windows, hold) and the request's end
 * gives back there and owes the fast store the rest, replayed when it is back.
 */
class FailoverAdmissionStoreTest {

  private static final Instant NOW = Instant.parse("2030-03-14T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final Instant LATER = NOW.plus(Duration.ofMinutes(10));

  /** The decorators over a fast and a local in-memory state each, and the admission store. */
  private record Wired(FailoverSlotStore slots, FailoverRateWindowStore rates,
      FailoverBudgetStore budgets, FailoverAdmissionStore admissions,
      InMemorySlotStore fastSlots, InMemoryRateWindowStore fastRates,
      InMemoryBudgetStore fastBudgets, InMemorySlotStore localSlots,
      InMemoryRateWindowStore localRates, InMemoryBudgetStore localBudgets) {

    static Wired over(Switch cut, SharedStateFailover failover) {
      InMemorySlotStore fs = new InMemorySlotStore();
      InMemoryRateWindowStore fr = new InMemoryRateWindowStore();
      InMemoryBudgetStore fb = new InMemoryBudgetStore();
      InMemorySlotStore ls = new InMemorySlotStore();
      InMemoryRateWindowStore lr = new InMemoryRateWindowStore();
      InMemoryBudgetStore lb = new InMemoryBudgetStore();
      FailoverSlotStore slots = new FailoverSlotStore(fs, ls, failover);
      FailoverRateWindowStore rates = new FailoverRateWindowStore(fr, lr, failover);
      FailoverBudgetStore budgets = new FailoverBudgetStore(fb, lb, failover);
      AdmissionStore fast = cut.over(AdmissionStore.class, AdmissionStore.composing(fs, fr, fb));
      return new Wired(slots, rates, budgets,
          new FailoverAdmissionStore(fast, slots, rates, budgets, failover),
          fs, fr, fb, ls, lr, lb);
    }
  }

  @Nested
  class Contract extends AdmissionStoreContract {
    @Override
    protected Parts newParts() {
      Wired w = Wired.over(new Switch(), new SharedStateFailover("Redis", Clock.systemUTC(), true));
      return new Parts(w.admissions(), w.slots(), w.rates(), w.budgets());
    }
  }

  private final Scope scope = Scope.key(KeyId.of("k-admission"));
  private final Switch cut = new Switch();
  private final SharedStateFailover failover = new SharedStateFailover("Redis", CLOCK, true);

  private void limits(Wired w) {
    for (SlotStore slots : List.<SlotStore>of(w.fastSlots(), w.localSlots())) {
      slots.putLimit(new ParallelLimit(scope, 1));
    }
    for (RateWindowStore rates : List.<RateWindowStore>of(w.fastRates(), w.localRates())) {
      rates.putLimit(RateLimit.perMinute(scope, RateKind.TOKENS, 1000));
    }
    for (BudgetStore budgets : List.<BudgetStore>of(w.fastBudgets(), w.localBudgets())) {
      budgets.putBudget(Budget.of(scope, Money.ofNanoUsd(10), BudgetPeriod.lifetime()));
    }
  }

  private AdmissionStore.Take take(String id) {
    return new AdmissionStore.Take(List.of(scope), id, LATER, 1, 100,
        new HoldRequest(HoldId.of(id), List.of(scope), Money.ofNanoUsd(4), NOW, LATER));
  }

  /** The end of request {@code id}: {@code nanoUsd} posted, 50 tokens given back. */
  private AdmissionStore.Finish finish(String id, AdmissionStore.Taken.Holding holding,
      long nanoUsd) {
    return new AdmissionStore.Finish(HoldId.of(id), List.of(scope), NOW,
        Optional.of(Money.ofNanoUsd(nanoUsd)),
        holding.receipts().stream().map(r -> new AdmissionStore.Correction(r, -50)).toList(),
        holding.slotScopes(), id);
  }

  @Test
  void whileTheFastStoreIsDownTheStepsRunLocallyAndItsPartIsReplayed() {
    Wired w = Wired.over(cut, failover);
    limits(w);
    failover.check(() -> "redis-1");
    cut.down.set(true);
    failover.check(FailoverAdmissionStoreTest::unreachable);

    var holding = (AdmissionStore.Taken.Holding) w.admissions().take(take("r1"));

    assertThat(holding.hold()).isInstanceOf(HoldOutcome.Held.class);
    assertThat(w.localSlots().inUse(scope, NOW)).isEqualTo(1);
    assertThat(w.localBudgets().snapshot(scope, NOW).orElseThrow().held())
        .isEqualTo(Money.ofNanoUsd(4));
    assertThat(w.fastSlots().inUse(scope, NOW)).isZero();

    w.admissions().finish(finish("r1", holding, 3), NOW);

    assertThat(w.localSlots().inUse(scope, NOW)).isZero();
    assertThat(w.localBudgets().snapshot(scope, NOW).orElseThrow().posted())
        .isEqualTo(Money.ofNanoUsd(3));
    assertThat(w.localRates().usage(scope, RateKind.TOKENS, NOW).orElseThrow().used())
        .isEqualTo(50);

    cut.down.set(false);
    failover.check(() -> "redis-1");

    assertThat(failover.degradation()).isEmpty();
    assertThat(w.fastBudgets().snapshot(scope, NOW).orElseThrow().posted())
        .as("the outage's spend, replayed into the fast store").isEqualTo(Money.ofNanoUsd(3));
    assertThat(w.fastRates().usage(scope, RateKind.TOKENS, NOW).orElseThrow().used())
        .as("the local count and its correction, replayed").isEqualTo(50);
    assertThat(w.fastSlots().inUse(scope, NOW)).isZero();
  }

  @Test
  void aHoldTakenOnTheFastStoreIsCarriedAtTheCutAndSettledOnBoth() {
    Wired w = Wired.over(cut, failover);
    limits(w);
    failover.check(() -> "redis-1");
    var first = (AdmissionStore.Taken.Holding) w.admissions().take(take("r1"));
    assertThat(w.fastBudgets().snapshot(scope, NOW).orElseThrow().held())
        .isEqualTo(Money.ofNanoUsd(4));

    cut.down.set(true);
    failover.check(FailoverAdmissionStoreTest::unreachable);

    assertThat(w.localBudgets().snapshot(scope, NOW).orElseThrow().held())
        .as("r1's hold carried into the local state").isEqualTo(Money.ofNanoUsd(4));
    w.admissions().finish(finish("r1", first, 2), NOW);
    assertThat(w.localBudgets().snapshot(scope, NOW).orElseThrow().posted())
        .isEqualTo(Money.ofNanoUsd(2));
    assertThat(w.fastSlots().inUse(scope, NOW)).as("owed until the fast store is back").isEqualTo(1);

    cut.down.set(false);
    failover.check(() -> "redis-1");

    var fast = w.fastBudgets().snapshot(scope, NOW).orElseThrow();
    assertThat(fast.posted()).isEqualTo(Money.ofNanoUsd(2));
    assertThat(fast.held()).isEqualTo(Money.ZERO);
    assertThat(w.fastSlots().inUse(scope, NOW)).isZero();
  }

  private static String unreachable() {
    throw new StoreUnavailableException("connection refused");
  }
}
