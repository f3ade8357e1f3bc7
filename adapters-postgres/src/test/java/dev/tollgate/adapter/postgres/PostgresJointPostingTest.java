package dev.tollgate.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetPeriod;
import dev.tollgate.domain.budget.HoldId;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.ledger.AppendResult;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.money.Money;
import dev.tollgate.port.out.BudgetStore;
import dev.tollgate.port.out.HoldOutcome;
import dev.tollgate.port.out.HoldRequest;
import dev.tollgate.port.out.SpendLedger;
import dev.tollgate.port.out.SpendLedger.JointPosting;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A journal's batch appended and posted on the budgets in one transaction
 * ({@link PostgresSpendLedger#postingOn}): each cost posted exactly once, by the ledger's claim
 * alone when the entry is new, through the budgets' claim when it was recorded without its
 * posting, never again when it was recorded with it.
 */
class PostgresJointPostingTest {

  @RegisterExtension static final TestSchema SCHEMA = new TestSchema();

  private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

  private final LedgerFixtures fx = new LedgerFixtures();
  private final Scope tenant = Scope.tenant(fx.tenant);
  private final Scope key = Scope.key(fx.key);

  @Test
  void onlyTheBudgetsOfItsOwnDatabaseArePostedJointly() {
    SpendLedger ledger = SCHEMA.stores().ledger();
    assertThat(ledger.postingOn(SCHEMA.stores().budgets())).isPresent();
    try (PostgresStores other = SCHEMA.openReplica(TestSchema.POOL)) {
      // the same schema through another pool: not provably one transaction, so apart
      assertThat(ledger.postingOn(other.stores().budgets())).isEmpty();
    }
  }

  @Test
  void aNewBatchIsPostedWithoutAClaimOfItsOwn() {
    budgets();
    List<SpendEntry> batch = List.of(fx.entry(1_000, T0), fx.entry(2_500, T0.plusSeconds(1)));

    List<AppendResult> results = joint().appendAndPost(batch, this::postingOf, T0.plusSeconds(2));

    assertThat(results).containsExactly(AppendResult.APPENDED, AppendResult.APPENDED);
    assertThat(posted(tenant)).isEqualTo(3_500);
    assertThat(posted(key)).isEqualTo(3_500);
    assertThat(claims(batch)).isZero();
    assertThat(count("ledger_request_ids WHERE posted AND request_id IN (" + ids(batch) + ")"))
        .isEqualTo(2);
  }

  @Test
  void aReplayedBatchPostsNothingAgainAndANewEntryBesideItOnce() {
    budgets();
    SpendEntry first = fx.entry(1_000, T0);
    joint().appendAndPost(List.of(first), this::postingOf, T0);
    SpendEntry second = fx.entry(4_000, T0.plusSeconds(1));

    List<AppendResult> results =
        joint().appendAndPost(List.of(first, second), this::postingOf, T0.plusSeconds(2));

    assertThat(results).containsExactly(AppendResult.EXISTS, AppendResult.APPENDED);
    assertThat(posted(tenant)).isEqualTo(5_000);
    assertThat(claims(List.of(first, second))).isZero();
  }

  @Test
  void anEntryRecordedWithoutItsPostingIsPostedOnceThroughTheBudgetsClaim() {
    budgets();
    SpendEntry e = fx.entry(7_000, T0);
    SCHEMA.stores().ledger().appendAll(List.of(e)); // a ledger append that did not post (before V30)

    assertThat(joint().appendAndPost(List.of(e), this::postingOf, T0.plusSeconds(1)))
        .containsExactly(AppendResult.EXISTS);
    joint().appendAndPost(List.of(e), this::postingOf, T0.plusSeconds(2));

    assertThat(posted(tenant)).isEqualTo(7_000);
    assertThat(claims(List.of(e))).isEqualTo(1);
  }

  @Test
  void aBatchOfNewEntriesAndOnesRecordedWithoutTheirPostingPostsEachOnce() {
    budgets();
    SpendEntry unposted = fx.entry(7_000, T0);
    SCHEMA.stores().ledger().appendAll(List.of(unposted));
    SpendEntry fresh = fx.entry(500, T0.plusSeconds(1));
    SpendEntry alsoFresh = fx.entry(30, T0.plusSeconds(2));

    joint().appendAndPost(List.of(fresh, unposted, alsoFresh), this::postingOf, T0.plusSeconds(3));
    joint().appendAndPost(List.of(fresh, unposted, alsoFresh), this::postingOf, T0.plusSeconds(4));

    assertThat(posted(tenant)).isEqualTo(7_530);
    assertThat(posted(key)).isEqualTo(7_530);
    assertThat(claims(List.of(unposted))).isEqualTo(1);
    assertThat(claims(List.of(fresh, alsoFresh))).isZero();
  }

  @Test
  void aDifferentEventUnderARecordedIdPostsWhatTheLedgerKept() {
    budgets();
    SpendEntry recorded = fx.entry(3_000, T0);
    SCHEMA.stores().ledger().appendAll(List.of(recorded));
    SpendEntry other = withCost(recorded, 9_000);

    List<AppendResult> results = joint().appendAndPost(List.of(other), this::postingOf, T0);

    assertThat(results.getFirst()).isInstanceOf(AppendResult.ExistsWithDifferentEvent.class);
    assertThat(posted(tenant)).isEqualTo(3_000);
  }

  @Test
  void aRequestRepeatedInOneBatchIsPostedOnce() {
    budgets();
    SpendEntry e = fx.entry(2_000, T0);

    List<AppendResult> results = joint().appendAndPost(List.of(e, e), this::postingOf, T0);

    assertThat(results).containsExactly(AppendResult.APPENDED, AppendResult.EXISTS);
    assertThat(posted(tenant)).isEqualTo(2_000);
  }

  @Test
  void aRequestHeldOnTheSharedBudgetsIsSettledAndItsHoldReleased() {
    budgets();
    SpendEntry e = fx.entry(1_500, T0);
    BudgetStore budgets = SCHEMA.stores().budgets();
    HoldId hold = HoldId.forRequest(e.requestId());
    assertThat(budgets.placeHold(new HoldRequest(hold, List.of(tenant, key), Money.ofNanoUsd(5_000),
        T0, T0.plusSeconds(600)))).isInstanceOf(HoldOutcome.Held.class);

    joint().appendAndPost(List.of(e), this::postingOf, T0.plusSeconds(1));
    joint().appendAndPost(List.of(e), this::postingOf, T0.plusSeconds(2));

    assertThat(posted(tenant)).isEqualTo(1_500);
    assertThat(budgets.snapshot(tenant, T0.plusSeconds(2)).orElseThrow().held())
        .isEqualTo(Money.ZERO);
    assertThat(claims(List.of(e))).isEqualTo(1); // the hold's settlement claims as any does
  }

  @Test
  void aPostingThatFailsInTheTransactionLeavesItsBatchUnrecorded() {
    budgets();
    SpendEntry huge = fx.entry(Long.MAX_VALUE - 10, T0);
    joint().appendAndPost(List.of(huge), this::postingOf, T0);
    SpendEntry overflowing = fx.entry(100, T0.plus(Duration.ofDays(1))); // the month's account, another day's rollup

    assertThatThrownBy(() -> joint().appendAndPost(List.of(overflowing), this::postingOf, T0))
        .isInstanceOf(ArithmeticException.class);

    assertThat(SCHEMA.stores().ledger().find(overflowing.requestId())).isEmpty();
    assertThat(posted(tenant)).isEqualTo(Long.MAX_VALUE - 10);
  }

  @Test
  void aNegativePostingIsRefusedBeforeAnythingIsWritten() {
    budgets();
    SpendEntry e = fx.entry(1_000, T0);

    assertThatThrownBy(() -> joint().appendAndPost(List.of(e), s -> new BudgetStore.Settle(
        HoldId.forRequest(s.requestId()), List.of(tenant), s.startedAt(), Money.ofNanoUsd(-1)), T0))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(SCHEMA.stores().ledger().find(e.requestId())).isEmpty();
  }

  @Test
  void aBacklogsBatchIsAppendedInItsFirstStepAndPostedThroughClaimsInItsSecond() {
    budgets();
    List<SpendEntry> backlog = backlog(PostgresSpendLedger.APART_FROM, 10);
    JointPosting joint = SCHEMA.stores().ledger().postingOn(SCHEMA.stores().budgets()).orElseThrow();

    SpendLedger.AppendStep step = joint.appendAndPost(backlog, this::postingOf, T0);

    assertThat(SCHEMA.stores().ledger().find(backlog.getLast().requestId())).isPresent();
    assertThat(posted(tenant)).isZero(); // the posting is the second step, on another connection
    assertThat(step.finish()).containsOnly(AppendResult.APPENDED);
    assertThat(posted(tenant)).isEqualTo(10L * backlog.size());
    assertThat(claims(backlog)).isEqualTo(backlog.size());
    assertThat(count("ledger_request_ids WHERE posted AND request_id IN (" + ids(backlog) + ")"))
        .isZero();
  }

  @Test
  void aBacklogAppendedButNotPostedIsPostedOnceWhenReplayedInSmallBatches() {
    budgets();
    List<SpendEntry> backlog = backlog(PostgresSpendLedger.APART_FROM, 10);
    JointPosting joint = SCHEMA.stores().ledger().postingOn(SCHEMA.stores().budgets()).orElseThrow();
    joint.appendAndPost(backlog, this::postingOf, T0); // killed before its second step

    for (int from = 0; from < backlog.size(); from += 100) {
      joint().appendAndPost(backlog.subList(from, from + 100), this::postingOf, T0.plusSeconds(1));
    }
    joint().appendAndPost(backlog, this::postingOf, T0.plusSeconds(2)); // and once more, whole

    assertThat(posted(tenant)).isEqualTo(10L * backlog.size());
  }

  @Test
  void entriesPostedWithTheirClaimAreNotPostedAgainWhenReplayedInABacklogsBatch() {
    budgets();
    List<SpendEntry> backlog = backlog(PostgresSpendLedger.APART_FROM, 10);
    joint().appendAndPost(backlog.subList(0, 300), this::postingOf, T0); // one transaction, marked

    assertThat(joint().appendAndPost(backlog, this::postingOf, T0.plusSeconds(1)).subList(0, 300))
        .containsOnly(AppendResult.EXISTS);

    assertThat(posted(tenant)).isEqualTo(10L * backlog.size());
    assertThat(claims(backlog.subList(0, 300))).isZero();
    assertThat(claims(backlog.subList(300, backlog.size()))).isEqualTo(backlog.size() - 300);
  }

  /** {@code n} new entries of {@code costNanoUsd} each, a millisecond apart from T0. */
  private List<SpendEntry> backlog(int n, long costNanoUsd) {
    List<SpendEntry> entries = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      entries.add(fx.entry(costNanoUsd, T0.plusMillis(i)));
    }
    return entries;
  }

  /** The joint posting, both of its steps at once. */
  private Joint joint() {
    JointPosting joint = SCHEMA.stores().ledger().postingOn(SCHEMA.stores().budgets()).orElseThrow();
    return (entries, postingOf, now) -> joint.appendAndPost(entries, postingOf, now).finish();
  }

  private interface Joint {
    List<AppendResult> appendAndPost(List<SpendEntry> entries,
        Function<SpendEntry, BudgetStore.Settle> postingOf, Instant now);
  }

  private BudgetStore.Settle postingOf(SpendEntry e) {
    return new BudgetStore.Settle(HoldId.forRequest(e.requestId()), List.of(tenant, key),
        e.startedAt(), e.cost());
  }

  /** Monthly budgets on this test's tenant and key, far above what it posts. */
  private void budgets() {
    for (Scope s : List.of(tenant, key)) {
      SCHEMA.stores().budgets().putBudget(Budget.of(s, Money.usd("100"), BudgetPeriod.monthly()));
    }
  }

  private long posted(Scope scope) {
    return SCHEMA.stores().budgets().snapshot(scope, T0).map(s -> s.posted().nanoUsd()).orElse(0L);
  }

  private static SpendEntry withCost(SpendEntry e, long costNanoUsd) {
    return new SpendEntry(e.requestId(), e.owner(), e.key(), e.model(), e.endUser(), e.usage(),
        e.source(), Money.ofNanoUsd(costNanoUsd), e.priceEffectiveFrom(), e.startedAt(),
        e.recordedAt(), e.overage(), e.session(), e.tags());
  }

  private static long claims(List<SpendEntry> entries) {
    List<String> holds = new ArrayList<>();
    entries.forEach(e -> holds.add("'" + HoldId.forRequest(e.requestId()).value() + "'"));
    return count("budget_settlements WHERE hold_id IN (" + String.join(", ", holds) + ")");
  }

  private static String ids(List<SpendEntry> entries) {
    return entries.stream().map(e -> "'" + e.requestId().value() + "'")
        .collect(Collectors.joining(", "));
  }

  private static long count(String from) {
    return TestDatabase.queryLong(SCHEMA.url(), "SELECT count(*) FROM " + SCHEMA.name() + "." + from);
  }
}
