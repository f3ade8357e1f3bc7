package dev.tollgate.port.out.contract;

import static dev.tollgate.port.out.contract.Fixtures.T0;
import static dev.tollgate.port.out.contract.Fixtures.lifetimeBudget;
import static dev.tollgate.port.out.contract.Fixtures.usd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.budget.Settlement;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.rate.ParallelLimit;
import dev.tollgate.domain.rate.RateKind;
import dev.tollgate.domain.rate.RateLimit;
import dev.tollgate.domain.rate.RateReceipt;
import dev.tollgate.port.out.AdmissionStore;
import dev.tollgate.port.out.AdmissionStore.Taken;
import dev.tollgate.port.out.BudgetStore;
import dev.tollgate.port.out.HoldOutcome;
import dev.tollgate.port.out.HoldRequest;
import dev.tollgate.port.out.RateWindowStore;
import dev.tollgate.port.out.SlotOutcome;
import dev.tollgate.port.out.SlotStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AdmissionStore} promises: the answers and effects of {@link SlotStore},
 * {@link RateWindowStore} and {@link BudgetStore} called in order, a later step only when the
 * earlier one took, nothing given back by the store after a refusal, and a request's end that
 * settles (or releases), corrects and gives the slots back.
 */
public abstract class AdmissionStoreContract {

  /** The admission store and the three stores it takes from (to set limits and read counts). */
  public record Parts(
      AdmissionStore admissions, SlotStore slots, RateWindowStore rates, BudgetStore budgets) {}

  /** Stores for this test; they may hold other tests' limits, never on these scopes. */
  protected abstract Parts newParts();

  private static final Instant LATER = T0.plusSeconds(300);

  private final Fixtures f = new Fixtures();
  private Parts p;

  @BeforeEach
  void openStores() {
    p = newParts();
  }

  /** A tenant scope with one slot, 2 requests and 1,000 tokens a minute, and a $1 budget. */
  private Scope limited() {
    Scope scope = f.tenantScope();
    p.slots().putLimit(new ParallelLimit(scope, 1));
    p.rates().putLimit(RateLimit.perMinute(scope, RateKind.REQUESTS, 2));
    p.rates().putLimit(RateLimit.perMinute(scope, RateKind.TOKENS, 1000));
    p.budgets().putBudget(lifetimeBudget(scope, "1"));
    return scope;
  }

  private AdmissionStore.Take take(Scope scope, String holder, String amountUsd, long tokens) {
    HoldRequest hold = new HoldRequest(f.holdId(), List.of(scope), usd(amountUsd), T0, LATER);
    return new AdmissionStore.Take(List.of(scope), holder, LATER, 1, tokens, hold);
  }

  private long used(Scope scope, RateKind kind) {
    return p.rates().usage(scope, kind, T0).orElseThrow().used();
  }

  @Test
  void allThreeAreTakenThenSettledCorrectedAndGivenBack() {
    Scope scope = limited();
    String holder = f.holder();
    AdmissionStore.Take take = take(scope, holder, "0.40", 300);

    Taken taken = p.admissions().take(take);

    Taken.Holding holding = (Taken.Holding) taken;
    assertThat(holding.slotScopes()).containsExactly(scope);
    assertThat(holding.receipts()).extracting(RateReceipt::kind)
        .containsExactlyInAnyOrder(RateKind.REQUESTS, RateKind.TOKENS);
    assertThat(holding.hold()).isEqualTo(new HoldOutcome.Held(take.hold().id(), usd("0.40"),
        Optional.of(usd("0.60"))));
    assertThat(p.slots().inUse(scope, T0)).isEqualTo(1);
    assertThat(used(scope, RateKind.TOKENS)).isEqualTo(300);
    assertThat(p.budgets().snapshot(scope, T0).orElseThrow().held()).isEqualTo(usd("0.40"));

    RateReceipt tokens = holding.receipts().stream()
        .filter(r -> r.kind() == RateKind.TOKENS).findFirst().orElseThrow();
    Settlement settled = p.admissions().finish(new AdmissionStore.Finish(take.hold().id(),
        List.of(scope), T0, Optional.of(usd("0.25")),
        List.of(new AdmissionStore.Correction(tokens, -180)), holding.slotScopes(), holder), T0);

    assertThat(settled.results()).hasSize(1);
    assertThat(settled.results().getFirst().result().posted()).isEqualTo(usd("0.25"));
    assertThat(settled.results().getFirst().result().released()).isEqualTo(usd("0.15"));
    assertThat(p.slots().inUse(scope, T0)).isZero();
    assertThat(used(scope, RateKind.TOKENS)).isEqualTo(120);
    assertThat(p.budgets().snapshot(scope, T0).orElseThrow().posted()).isEqualTo(usd("0.25"));
    assertThat(p.budgets().snapshot(scope, T0).orElseThrow().held()).isEqualTo(Money.ZERO);
  }

  @Test
  void aBusySlotTakesNothingElse() {
    Scope scope = limited();
    p.admissions().take(take(scope, f.holder(), "0.10", 10));

    Taken second = p.admissions().take(take(scope, f.holder(), "0.10", 10));

    assertThat(second).isEqualTo(new Taken.SlotsBusy(
        new SlotOutcome.Busy(new ParallelLimit(scope, 1))));
    assertThat(used(scope, RateKind.REQUESTS)).isEqualTo(1);
    assertThat(p.budgets().snapshot(scope, T0).orElseThrow().held()).isEqualTo(usd("0.10"));
  }

  @Test
  void aFullWindowLeavesTheSlotTakenAndHoldsNothing() {
    Scope scope = f.tenantScope();
    p.slots().putLimit(new ParallelLimit(scope, 5));
    p.rates().putLimit(RateLimit.perMinute(scope, RateKind.REQUESTS, 1));
    p.budgets().putBudget(lifetimeBudget(scope, "1"));
    p.admissions().take(take(scope, f.holder(), "0.10", 0));

    Taken second = p.admissions().take(take(scope, f.holder(), "0.10", 0));

    Taken.RateLimited limited = (Taken.RateLimited) second;
    assertThat(limited.slotScopes()).containsExactly(scope);
    assertThat(limited.limited().limit().kind()).isEqualTo(RateKind.REQUESTS);
    assertThat(p.slots().inUse(scope, T0)).as("the caller gives the slot back").isEqualTo(2);
    assertThat(p.budgets().snapshot(scope, T0).orElseThrow().held()).isEqualTo(usd("0.10"));
  }

  @Test
  void aRefusedHoldLeavesTheSlotAndTheCounts() {
    Scope scope = limited();

    Taken taken = p.admissions().take(take(scope, f.holder(), "1.50", 10));

    Taken.Holding holding = (Taken.Holding) taken;
    assertThat(holding.hold()).isInstanceOf(HoldOutcome.Refused.class);
    assertThat(holding.receipts()).hasSize(2);
    assertThat(p.slots().inUse(scope, T0)).isEqualTo(1);
    assertThat(used(scope, RateKind.REQUESTS)).isEqualTo(1);
    assertThat(p.budgets().snapshot(scope, T0).orElseThrow().held()).isEqualTo(Money.ZERO);
  }

  @Test
  void scopesWithoutLimitsTakeNothingAndHold() {
    Scope scope = f.tenantScope();
    AdmissionStore.Take take = take(scope, f.holder(), "0.10", 10);

    Taken taken = p.admissions().take(take);

    assertThat(taken).isEqualTo(new Taken.Holding(List.of(), List.of(),
        new HoldOutcome.Held(take.hold().id(), usd("0.10"), Optional.empty())));
  }

  @Test
  void aFailedRequestReleasesTheHoldGivesBackTokensAndSlots() {
    Scope scope = limited();
    String holder = f.holder();
    AdmissionStore.Take take = take(scope, holder, "0.40", 300);
    Taken.Holding holding = (Taken.Holding) p.admissions().take(take);
    List<AdmissionStore.Correction> giveBack = holding.receipts().stream()
        .filter(r -> r.kind() == RateKind.TOKENS)
        .map(r -> new AdmissionStore.Correction(r, -r.amount())).toList();

    Settlement none = p.admissions().finish(new AdmissionStore.Finish(take.hold().id(),
        List.of(scope), T0, Optional.empty(), giveBack, holding.slotScopes(), holder), T0);

    assertThat(none.results()).isEmpty();
    assertThat(p.slots().inUse(scope, T0)).isZero();
    assertThat(used(scope, RateKind.TOKENS)).isZero();
    assertThat(p.budgets().snapshot(scope, T0).orElseThrow().held()).isEqualTo(Money.ZERO);
    assertThat(p.budgets().snapshot(scope, T0).orElseThrow().posted()).isEqualTo(Money.ZERO);
  }

  @Test
  void aSecondFinishPostsNothingAgain() {
    Scope scope = limited();
    String holder = f.holder();
    AdmissionStore.Take take = take(scope, holder, "0.40", 10);
    Taken.Holding holding = (Taken.Holding) p.admissions().take(take);
    AdmissionStore.Finish finish = new AdmissionStore.Finish(take.hold().id(), List.of(scope), T0,
        Optional.of(usd("0.30")), List.of(), holding.slotScopes(), holder);

    Settlement first = p.admissions().finish(finish, T0);
    Settlement again = p.admissions().finish(finish, T0.plus(Duration.ofSeconds(1)));

    assertThat(again).isEqualTo(first);
    assertThat(p.budgets().snapshot(scope, T0).orElseThrow().posted()).isEqualTo(usd("0.30"));
  }
}
