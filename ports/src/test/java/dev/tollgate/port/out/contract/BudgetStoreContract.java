package dev.tollgate.port.out.contract;

import static dev.tollgate.port.out.contract.Fixtures.T0;
import static dev.tollgate.port.out.contract.Fixtures.lifetimeBudget;
import static dev.tollgate.port.out.contract.Fixtures.nanos;
import static dev.tollgate.port.out.contract.Fixtures.usd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetPeriod;
import dev.tollgate.domain.budget.BudgetSnapshot;
import dev.tollgate.domain.budget.HoldId;
import dev.tollgate.domain.budget.HoldPrefix;
import dev.tollgate.domain.budget.PeriodWindow;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.budget.SettleResult;
import dev.tollgate.domain.budget.Settlement;
import dev.tollgate.domain.money.Money;
import dev.tollgate.port.out.BudgetStore;
import dev.tollgate.port.out.HoldOutcome;
import dev.tollgate.port.out.HoldRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BudgetStore} promises: posted + held never exceeds a limit through holds, a
 * refusal holds nothing anywhere, retries are idempotent, usage that happened is always posted,
 * and periods renew by the clock. Instants are passed in; nothing sleeps.
 */
public abstract class BudgetStoreContract {

  /** A store for this test; it may hold other tests' budgets, never budgets on these scopes. */
  protected abstract BudgetStore newStore();

  private static final Duration HOLD_TTL = Duration.ofMinutes(5);

  private final Fixtures f = new Fixtures();
  private BudgetStore store;

  @BeforeEach
  void openStore() {
    store = newStore();
  }

  private HoldOutcome hold(HoldId id, List<Scope> scopes, Money amount, Instant now) {
    return store.placeHold(new HoldRequest(id, scopes, amount, now, now.plus(HOLD_TTL)));
  }

  private BudgetSnapshot snapshot(Scope scope, Instant now) {
    return store.snapshot(scope, now).orElseThrow();
  }

  private Scope budgeted(String limitUsd) {
    Scope scope = f.tenantScope();
    store.putBudget(lifetimeBudget(scope, limitUsd));
    return scope;
  }

  @Test
  void aBudgetIsPutReadAndRemoved() {
    Scope scope = f.tenantScope();
    Budget budget =
        new Budget(scope, usd("10"), BudgetPeriod.monthly(), Optional.of(usd("8")));

    store.putBudget(budget);

    assertThat(store.budgetOf(scope)).contains(budget);
    assertThat(store.removeBudget(scope)).isTrue();
    assertThat(store.budgetOf(scope)).isEmpty();
    assertThat(store.snapshot(scope, T0)).isEmpty();
    assertThat(store.removeBudget(scope)).isFalse();
  }

  @Test
  void aHoldWithinTheLimitIsHeld() {
    Scope scope = budgeted("10");
    HoldId id = f.holdId();

    assertThat(hold(id, List.of(scope), usd("4"), T0))
        .isEqualTo(new HoldOutcome.Held(id, usd("4"), Optional.of(usd("6"))));

    BudgetSnapshot snap = snapshot(scope, T0);
    assertThat(snap.budget()).isEqualTo(lifetimeBudget(scope, "10"));
    assertThat(snap.window()).isEqualTo(PeriodWindow.LIFETIME);
    assertThat(snap.posted()).isEqualTo(Money.ZERO);
    assertThat(snap.held()).isEqualTo(usd("4"));
    assertThat(snap.available()).isEqualTo(usd("6"));
  }

  @Test
  void aHoldBeyondWhatIsAvailableIsRefused() {
    Scope scope = budgeted("10");
    hold(f.holdId(), List.of(scope), usd("6"), T0);

    HoldOutcome outcome = hold(f.holdId(), List.of(scope), usd("4.000000001"), T0);

    assertThat(outcome)
        .isEqualTo(
            new HoldOutcome.Refused(
                lifetimeBudget(scope, "10"), usd("4"), PeriodWindow.LIFETIME, usd("6")));
    assertThat(snapshot(scope, T0).held()).isEqualTo(usd("6"));
    assertThat(hold(f.holdId(), List.of(scope), usd("4"), T0)).isInstanceOf(HoldOutcome.Held.class);
  }

  @Test
  void aHoldReplacingOthersIsCheckedAsIfTheyWereGoneAndGivesThemBack() {
    Scope scope = budgeted("10");
    HoldId old = f.holdId();
    HoldId other = f.holdId();
    hold(old, List.of(scope), usd("6"), T0);
    hold(other, List.of(scope), usd("1"), T0);
    HoldId renewed = f.holdId();

    HoldOutcome outcome = store.placeHold(new HoldRequest(
        renewed, List.of(scope), usd("9"), T0, T0.plus(HOLD_TTL), List.of(old, f.holdId())));

    assertThat(outcome).isEqualTo(new HoldOutcome.Held(renewed, usd("9"), Optional.of(Money.ZERO)));
    assertThat(snapshot(scope, T0).held()).isEqualTo(usd("10"));
    assertThat(store.release(old)).as("the replaced hold is gone").isFalse();
    assertThat(store.release(renewed)).isTrue();
  }

  @Test
  void aRefusedReplacementLeavesTheReplacedHoldsStanding() {
    Scope scope = budgeted("10");
    HoldId spent = f.holdId();
    hold(spent, List.of(scope), usd("3"), T0);
    store.settle(spent, List.of(scope), T0, usd("3"), T0);
    HoldId old = f.holdId();
    hold(old, List.of(scope), usd("5"), T0);
    hold(f.holdId(), List.of(scope), usd("1"), T0);

    HoldOutcome outcome = store.placeHold(new HoldRequest(
        f.holdId(), List.of(scope), usd("7"), T0, T0.plus(HOLD_TTL), List.of(old)));

    assertThat(outcome).isEqualTo(new HoldOutcome.Refused(
        lifetimeBudget(scope, "10"), usd("6"), PeriodWindow.LIFETIME, usd("1")));
    assertThat(snapshot(scope, T0).held()).isEqualTo(usd("6"));
    assertThat(store.release(old)).isTrue();
  }

  @Test
  void aRefusalOnOneScopeHoldsNothingOnAnyOther() {
    Scope tenant = budgeted("100");
    Scope key = f.keyScope();
    Budget keyBudget = lifetimeBudget(key, "5");
    store.putBudget(keyBudget);
    BudgetSnapshot tenantBefore = snapshot(tenant, T0);

    HoldOutcome tenantFirst = hold(f.holdId(), List.of(tenant, key), usd("6"), T0);
    HoldOutcome keyFirst = hold(f.holdId(), List.of(key, tenant), usd("6"), T0);

    assertThat(tenantFirst).isInstanceOf(HoldOutcome.Refused.class);
    assertThat(((HoldOutcome.Refused) tenantFirst).budget()).isEqualTo(keyBudget);
    assertThat(keyFirst).isInstanceOf(HoldOutcome.Refused.class);
    assertThat(snapshot(tenant, T0)).isEqualTo(tenantBefore);
    assertThat(snapshot(key, T0).held()).isEqualTo(Money.ZERO);
  }

  @Test
  void aHoldIsPlacedOnEveryBudgetedScopeAndReportsTheTightest() {
    Scope tenant = budgeted("100");
    Scope key = budgeted("5");
    HoldId id = f.holdId();

    HoldOutcome outcome = hold(id, List.of(tenant, key), usd("5"), T0);

    assertThat(outcome).isEqualTo(new HoldOutcome.Held(id, usd("5"), Optional.of(Money.ZERO)));
    assertThat(snapshot(tenant, T0).held()).isEqualTo(usd("5"));
    assertThat(snapshot(key, T0).held()).isEqualTo(usd("5"));
  }

  @Test
  void retryingAHoldWithTheSameAmountHoldsItOnce() {
    Scope scope = budgeted("10");
    HoldId id = f.holdId();
    hold(id, List.of(scope), usd("4"), T0);

    HoldOutcome retry = hold(id, List.of(scope), usd("4"), T0.plusSeconds(1));

    assertThat(retry).isEqualTo(new HoldOutcome.Held(id, usd("4"), Optional.of(usd("6"))));
    assertThat(snapshot(scope, T0.plusSeconds(1)).held()).isEqualTo(usd("4"));
  }

  @Test
  void retryingAHoldWithAnotherAmountConflictsAndChangesNothing() {
    Scope scope = budgeted("10");
    HoldId id = f.holdId();
    hold(id, List.of(scope), usd("4"), T0);

    HoldOutcome retry = hold(id, List.of(scope), usd("5"), T0.plusSeconds(1));

    assertThat(retry).isEqualTo(new HoldOutcome.Conflict(id, usd("4")));
    assertThat(snapshot(scope, T0.plusSeconds(1)).held()).isEqualTo(usd("4"));
  }

  @Test
  void settlingTheSameHoldTwicePostsItOnceAndAnswersTheSameSettlement() {
    Scope scope = budgeted("10");
    HoldId id = f.holdId();
    hold(id, List.of(scope), usd("4"), T0);

    Settlement first = store.settle(id, List.of(scope), T0, usd("3"), T0.plusSeconds(5));
    Settlement retried = store.settle(id, List.of(scope), T0, usd("3"), T0.plusSeconds(6));

    assertThat(retried).isEqualTo(first);
    assertThat(snapshot(scope, T0.plusSeconds(6)).posted()).isEqualTo(usd("3"));
  }

  @Test
  void settlingPostsTheActualCostAndReleasesTheRestOnEveryScope() {
    Scope tenant = budgeted("10");
    Scope key = budgeted("20");
    HoldId id = f.holdId();
    hold(id, List.of(tenant, key), usd("4"), T0);

    Settlement settlement = store.settle(id, List.of(tenant, key), T0, usd("3"), T0.plusSeconds(5));

    SettleResult expected = new SettleResult(usd("3"), usd("1"), Money.ZERO, false, false);
    assertThat(settlement.results())
        .containsExactly(
            new Settlement.ScopeResult(tenant, expected),
            new Settlement.ScopeResult(key, expected));
    assertThat(settlement.anyOverage()).isFalse();
    BudgetSnapshot snap = snapshot(tenant, T0.plusSeconds(5));
    assertThat(snap.posted()).isEqualTo(usd("3"));
    assertThat(snap.held()).isEqualTo(Money.ZERO);
    assertThat(snap.available()).isEqualTo(usd("7"));
    assertThat(snapshot(key, T0.plusSeconds(5)).available()).isEqualTo(usd("17"));
  }

  @Test
  void aCostAboveItsHoldIsPostedInFullAndLaterHoldsAreRefused() {
    Scope scope = budgeted("10");
    HoldId id = f.holdId();
    hold(id, List.of(scope), usd("4"), T0);

    Settlement settlement = store.settle(id, List.of(scope), T0, usd("12"), T0.plusSeconds(5));

    assertThat(settlement.anyOverage()).isTrue();
    assertThat(settlement.results().getFirst().result())
        .isEqualTo(new SettleResult(usd("12"), Money.ZERO, usd("8"), false, false));
    BudgetSnapshot snap = snapshot(scope, T0.plusSeconds(5));
    assertThat(snap.posted()).isEqualTo(usd("12"));
    assertThat(snap.available()).isEqualTo(usd("-2"));
    assertThat(snap.remaining()).isEqualTo(Money.ZERO);
    HoldOutcome next = hold(f.holdId(), List.of(scope), nanos(1), T0.plusSeconds(6));
    assertThat(next).isInstanceOf(HoldOutcome.Refused.class);
    assertThat(((HoldOutcome.Refused) next).available()).isLessThanOrEqualTo(Money.ZERO);
  }

  @Test
  void settlingAHoldThatExpiredUnsweptPostsItAsOverage() {
    Scope scope = budgeted("10");
    HoldId id = f.holdId();
    store.placeHold(new HoldRequest(id, List.of(scope), usd("4"), T0, T0.plusSeconds(30)));

    Settlement settlement = store.settle(id, List.of(scope), T0, usd("3"), T0.plusSeconds(60));

    assertThat(settlement.results().getFirst().result())
        .isEqualTo(new SettleResult(usd("3"), Money.ZERO, usd("3"), true, false));
    BudgetSnapshot snap = snapshot(scope, T0.plusSeconds(60));
    assertThat(snap.posted()).isEqualTo(usd("3"));
    assertThat(snap.held()).isEqualTo(Money.ZERO);
  }

  @Test
  void settlingAHoldThatExpiredAndWasSweptPostsItAsOverage() {
    Scope scope = budgeted("10");
    HoldId id = f.holdId();
    store.placeHold(new HoldRequest(id, List.of(scope), usd("4"), T0, T0.plusSeconds(30)));
    store.expireHolds(T0.plusSeconds(30));

    Settlement settlement = store.settle(id, List.of(scope), T0, usd("3"), T0.plusSeconds(60));

    assertThat(settlement.results().getFirst().result().holdWasMissing()).isTrue();
    assertThat(settlement.anyOverage()).isTrue();
    assertThat(snapshot(scope, T0.plusSeconds(60)).posted()).isEqualTo(usd("3"));
  }

  @Test
  void aBatchOfSettlementsPostsEachOnceAndARepeatedBatchPostsNothing() {
    Scope scope = budgeted("10");
    HoldId held = f.holdId();
    hold(held, List.of(scope), usd("2"), T0);
    List<BudgetStore.Settle> batch = List.of(
        new BudgetStore.Settle(held, List.of(scope), T0, usd("1")),
        new BudgetStore.Settle(f.holdId(), List.of(scope), T0, usd("3")));

    store.settleAll(batch, T0.plusSeconds(1));
    store.settleAll(batch, T0.plusSeconds(2)); // a journal replayed after a crash

    BudgetSnapshot snap = snapshot(scope, T0.plusSeconds(2));
    assertThat(snap.posted()).isEqualTo(usd("4"));
    assertThat(snap.held()).isEqualTo(Money.ZERO);
  }

  @Test
  void aBatchSettlesTheHoldsAmongItsIdsWhateverHoldsSortBesideThem() {
    Scope scope = budgeted("100");
    String base = f.holdId().value();
    HoldId before = HoldId.of(base + "-a");
    HoldId least = HoldId.of(base + "-b");
    HoldId greatest = HoldId.of(base + "-d");
    HoldId after = HoldId.of(base + "-f");
    for (HoldId id : List.of(before, least, greatest, after)) {
      hold(id, List.of(scope), usd("1"), T0);
    }

    // the only hold within a batch's ids is its greatest id, then its least, then there is none
    store.settleAll(List.of(settle(HoldId.of(base + "-c"), scope, "3"), settle(greatest, scope, "2")),
        T0.plusSeconds(1));
    store.settleAll(List.of(settle(HoldId.of(base + "-b1"), scope, "1"), settle(least, scope, "4")),
        T0.plusSeconds(1));
    store.settleAll(List.of(settle(HoldId.of(base + "-e"), scope, "5")), T0.plusSeconds(2));

    BudgetSnapshot snap = snapshot(scope, T0.plusSeconds(2));
    assertThat(snap.posted()).isEqualTo(usd("15"));
    assertThat(snap.held()).isEqualTo(usd("2")); // before and after are still held
  }

  private static BudgetStore.Settle settle(HoldId id, Scope scope, String costUsd) {
    return new BudgetStore.Settle(id, List.of(scope), T0, usd(costUsd));
  }

  @Test
  void settlingAHoldThatNeverExistedStillPostsTheCost() {
    Scope scope = budgeted("10");

    Settlement settlement =
        store.settle(f.holdId(), List.of(scope), T0, nanos(123_456_789), T0.plusSeconds(1));

    assertThat(settlement.results().getFirst().result())
        .isEqualTo(
            new SettleResult(nanos(123_456_789), Money.ZERO, nanos(123_456_789), true, false));
    assertThat(snapshot(scope, T0.plusSeconds(1)).posted()).isEqualTo(nanos(123_456_789));
  }

  @Test
  void crossingTheSoftLimitIsReportedOnce() {
    Scope scope = f.tenantScope();
    store.putBudget(new Budget(scope, usd("10"), BudgetPeriod.lifetime(), Optional.of(usd("5"))));

    List<Boolean> crossed = new ArrayList<>();
    for (String cost : List.of("3", "3", "1")) {
      HoldId id = f.holdId();
      hold(id, List.of(scope), usd(cost), T0);
      crossed.add(
          store.settle(id, List.of(scope), T0, usd(cost), T0).results().getFirst().result()
              .crossedSoftLimit());
    }

    assertThat(crossed).containsExactly(false, true, false);
  }

  @Test
  void releasingAHoldFreesItEverywhereOnce() {
    Scope tenant = budgeted("10");
    Scope key = budgeted("10");
    HoldId id = f.holdId();
    hold(id, List.of(tenant, key), usd("4"), T0);

    assertThat(store.release(id)).isTrue();
    assertThat(store.release(id)).isFalse();
    assertThat(store.release(f.holdId())).isFalse();
    assertThat(snapshot(tenant, T0).held()).isEqualTo(Money.ZERO);
    assertThat(snapshot(key, T0).available()).isEqualTo(usd("10"));
  }

  @Test
  void releasingAFamilyOfHoldsGivesBackEachOfItEverywhereAndNothingElse() {
    Scope tenant = budgeted("10");
    Scope key = budgeted("10");
    String run = f.unique("lease_%*?[x]");
    HoldId first = HoldId.of(run + ":1");
    HoldId second = HoldId.of(run + ":2");
    HoldId longerName = HoldId.of(run + "0:1"); // another family whose name starts with this one's
    HoldId wildcardLookalike = HoldId.of(run.replace("_%*?[x]", "XYZW[x]") + ":1");
    HoldId unrelated = f.holdId();
    hold(first, List.of(tenant, key), usd("2"), T0);
    hold(second, List.of(tenant), usd("3"), T0);
    hold(longerName, List.of(tenant), usd("1"), T0);
    hold(wildcardLookalike, List.of(key), usd("1"), T0);
    hold(unrelated, List.of(key), usd("1"), T0);

    assertThat(store.releaseAll(HoldPrefix.of(run + ":"))).isEqualTo(2);
    assertThat(store.releaseAll(HoldPrefix.of(run + ":"))).as("a repeat gives back nothing").isZero();

    assertThat(snapshot(tenant, T0).held()).isEqualTo(usd("1"));
    assertThat(snapshot(key, T0).held()).isEqualTo(usd("2"));
    assertThat(store.release(first)).isFalse();
    assertThat(store.release(longerName)).isTrue();
    assertThat(store.release(wildcardLookalike)).isTrue();
    assertThat(store.release(unrelated)).isTrue();
  }

  @Test
  void anExpiredHoldNoLongerTakesRoom() {
    Scope scope = budgeted("10");
    store.placeHold(new HoldRequest(f.holdId(), List.of(scope), usd("8"), T0, T0.plusSeconds(30)));

    HoldOutcome before = hold(f.holdId(), List.of(scope), usd("5"), T0.plusSeconds(29));
    HoldOutcome atExpiry = hold(f.holdId(), List.of(scope), usd("5"), T0.plusSeconds(30));

    assertThat(before).isInstanceOf(HoldOutcome.Refused.class);
    assertThat(atExpiry).isInstanceOf(HoldOutcome.Held.class);
    assertThat(snapshot(scope, T0.plusSeconds(30)).held()).isEqualTo(usd("5"));
  }

  @Test
  void expireHoldsDropsHoldsAtOrBeforeNow() {
    Scope tenant = budgeted("10");
    Scope key = budgeted("10");
    store.placeHold(
        new HoldRequest(f.holdId(), List.of(tenant, key), usd("4"), T0, T0.plusSeconds(30)));
    store.placeHold(
        new HoldRequest(f.holdId(), List.of(tenant), usd("1"), T0, T0.plusSeconds(90)));

    store.expireHolds(T0.plusSeconds(29));
    assertThat(store.snapshot(tenant, T0).orElseThrow().held()).isEqualTo(usd("5"));
    // The count covers the whole store, which other tests may share: only a lower bound holds.
    assertThat(store.expireHolds(T0.plusSeconds(30))).isGreaterThanOrEqualTo(2);

    assertThat(store.snapshot(tenant, T0).orElseThrow().held()).isEqualTo(usd("1"));
    assertThat(store.snapshot(key, T0).orElseThrow().held()).isEqualTo(Money.ZERO);
  }

  @Test
  void aDailyBudgetHasItsWholeLimitAgainOnTheNextUtcDay() {
    Scope scope = f.tenantScope();
    Budget daily = Fixtures.budget(scope, "10", BudgetPeriod.daily());
    store.putBudget(daily);
    Instant dayOne = Instant.parse("2030-03-14T10:00:00Z");
    Instant dayTwo = Instant.parse("2030-03-15T00:00:00Z");
    HoldId spent = f.holdId();
    hold(spent, List.of(scope), usd("10"), dayOne);
    store.settle(spent, List.of(scope), dayOne, usd("10"), dayOne.plusSeconds(1));

    HoldOutcome lateOnDayOne = hold(f.holdId(), List.of(scope), nanos(1), dayTwo.minusSeconds(1));
    HoldOutcome onDayTwo = hold(f.holdId(), List.of(scope), usd("10"), dayTwo);

    assertThat(lateOnDayOne)
        .isEqualTo(
            new HoldOutcome.Refused(
                daily, Money.ZERO, new PeriodWindow(dayTwo.minus(Duration.ofDays(1)), dayTwo)));
    assertThat(onDayTwo).isInstanceOf(HoldOutcome.Held.class);
    assertThat(snapshot(scope, dayTwo))
        .isEqualTo(
            new BudgetSnapshot(
                daily,
                new PeriodWindow(dayTwo, dayTwo.plus(Duration.ofDays(1))),
                Money.ZERO,
                usd("10"),
                Money.ZERO));
    assertThat(snapshot(scope, dayOne).posted()).isEqualTo(usd("10"));
  }

  @Test
  void settlingChargesTheWindowTheHoldWasPlacedIn() {
    Scope scope = f.tenantScope();
    store.putBudget(Fixtures.budget(scope, "10", BudgetPeriod.daily()));
    Instant midnight = Instant.parse("2030-03-15T00:00:00Z");
    Instant heldAt = midnight.minusSeconds(10);
    HoldId id = f.holdId();
    hold(id, List.of(scope), usd("2"), heldAt);

    Settlement settlement =
        store.settle(id, List.of(scope), heldAt, usd("2"), midnight.plusSeconds(30));

    assertThat(settlement.results().getFirst().result())
        .isEqualTo(new SettleResult(usd("2"), Money.ZERO, Money.ZERO, false, false));
    BudgetSnapshot dayOne = snapshot(scope, heldAt);
    assertThat(dayOne.posted()).isEqualTo(usd("2"));
    assertThat(dayOne.held()).isEqualTo(Money.ZERO);
    BudgetSnapshot dayTwo = snapshot(scope, midnight.plusSeconds(30));
    assertThat(dayTwo.posted()).isEqualTo(Money.ZERO);
    assertThat(dayTwo.available()).isEqualTo(usd("10"));
  }

  @Test
  void changingTheLimitKeepsWhatIsPostedAndHeld() {
    Scope scope = budgeted("10");
    HoldId spent = f.holdId();
    hold(spent, List.of(scope), usd("6"), T0);
    store.settle(spent, List.of(scope), T0, usd("6"), T0);
    hold(f.holdId(), List.of(scope), usd("2"), T0);

    store.putBudget(lifetimeBudget(scope, "20"));
    BudgetSnapshot raised = snapshot(scope, T0);
    store.putBudget(lifetimeBudget(scope, "5"));
    BudgetSnapshot lowered = snapshot(scope, T0);

    assertThat(raised)
        .isEqualTo(
            new BudgetSnapshot(
                lifetimeBudget(scope, "20"), PeriodWindow.LIFETIME, usd("6"), usd("2"), usd("12")));
    assertThat(lowered.available()).isEqualTo(usd("-3"));
    assertThat(hold(f.holdId(), List.of(scope), nanos(1), T0))
        .isInstanceOf(HoldOutcome.Refused.class);
  }

  @Test
  void scopesWithoutABudgetAreSkipped() {
    Scope tenant = budgeted("10");
    Scope key = f.keyScope();
    HoldId id = f.holdId();

    HoldOutcome outcome = hold(id, List.of(key, tenant), usd("4"), T0);
    Settlement settlement = store.settle(id, List.of(key, tenant), T0, usd("3"), T0);

    assertThat(outcome).isEqualTo(new HoldOutcome.Held(id, usd("4"), Optional.of(usd("6"))));
    assertThat(settlement.results())
        .extracting(Settlement.ScopeResult::scope)
        .containsExactly(tenant);
    assertThat(store.snapshot(key, T0)).isEmpty();
    assertThat(store.snapshots(List.of(key, tenant), T0))
        .extracting(s -> s.budget().scope())
        .containsExactly(tenant);
    HoldId unbudgeted = f.holdId();
    assertThat(hold(unbudgeted, List.of(f.keyScope()), usd("1000"), T0))
        .isEqualTo(new HoldOutcome.Held(unbudgeted, usd("1000"), Optional.empty()));
  }

  @Test
  void snapshotsComeInTheOrderAsked() {
    Scope a = budgeted("1");
    Scope b = budgeted("2");

    assertThat(store.snapshots(List.of(b, a), T0))
        .extracting(BudgetSnapshot::budget)
        .containsExactly(lifetimeBudget(b, "2"), lifetimeBudget(a, "1"));
  }

  @RepeatedTest(5) // a race shows up by chance: a few fresh rounds make a miss unlikely
  void concurrentHoldsNeverOverspendAndConcurrentSettlesPostEveryCost() {
    Money amount = usd("1");
    Money limit = usd("300");
    int holdsPerThread = 50; // 16 x 50 = 800 asks against room for 300
    Scope scope = budgeted("300");
    // Each thread also holds on a roomy budget of its own: a refusal must leave nothing there.
    List<Scope> own = IntStream.range(0, Parallel.THREADS).mapToObj(t -> budgeted("1000")).toList();

    List<List<HoldId>> heldPerThread =
        Parallel.run(
            Parallel.THREADS,
            thread -> {
              List<HoldId> held = new ArrayList<>();
              for (int i = 0; i < holdsPerThread; i++) {
                HoldId id = f.holdId();
                List<Scope> scopes = List.of(own.get(thread), scope);
                if (hold(id, scopes, amount, T0) instanceof HoldOutcome.Held) {
                  held.add(id);
                }
              }
              return held;
            });

    List<HoldId> held = heldPerThread.stream().flatMap(List::stream).toList();
    BudgetSnapshot afterHolds = snapshot(scope, T0);
    assertThat(amount.times(held.size())).isLessThanOrEqualTo(limit);
    assertThat(afterHolds.posted().plus(afterHolds.held())).isLessThanOrEqualTo(limit);
    assertThat(afterHolds.held()).isEqualTo(amount.times(held.size()));
    assertThat(afterHolds.available()).as("a refusal means no room was left").isLessThan(amount);
    for (int t = 0; t < Parallel.THREADS; t++) {
      assertThat(snapshot(own.get(t), T0).held())
          .isEqualTo(amount.times(heldPerThread.get(t).size()));
    }

    List<Money> posted =
        Parallel.run(
            Parallel.THREADS,
            thread -> {
              Money sum = Money.ZERO;
              List<HoldId> mine = heldPerThread.get(thread);
              for (int i = 0; i < mine.size(); i++) {
                Money actual = amount.minus(nanos(1 + (thread * 7919L + i * 104_729L) % 999_999));
                List<Scope> scopes = List.of(own.get(thread), scope);
                store.settle(mine.get(i), scopes, T0, actual, T0.plusSeconds(1));
                sum = sum.plus(actual);
              }
              return sum;
            });

    BudgetSnapshot afterSettles = snapshot(scope, T0.plusSeconds(1));
    assertThat(afterSettles.posted()).isEqualTo(posted.stream().reduce(Money.ZERO, Money::plus));
    assertThat(afterSettles.held()).isEqualTo(Money.ZERO);
    for (int t = 0; t < Parallel.THREADS; t++) {
      BudgetSnapshot ownAfter = snapshot(own.get(t), T0.plusSeconds(1));
      assertThat(ownAfter.posted()).isEqualTo(posted.get(t));
      assertThat(ownAfter.held()).isEqualTo(Money.ZERO);
    }
  }
}
