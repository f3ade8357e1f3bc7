package dev.tollgate.adapter.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.ledger.AppendResult;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.domain.usage.UsageSource;
import dev.tollgate.domain.ledger.SpendGroup;
import dev.tollgate.domain.ledger.SpendGrouping;
import dev.tollgate.domain.ledger.SpendQuery;
import dev.tollgate.domain.ledger.SpendTotal;
import dev.tollgate.port.out.StoreRefusedException;
import dev.tollgate.port.out.StoreUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The folding ledger's heap is bounded by keys, models and days, not by requests: what it keeps
 * one by one never passes the retained count, the folded rest is a bucket per key, model and day,
 * and totals stay exact.
 */
class FoldingLedgerStaysBoundedTest {

  private static final int RETAINED = 1_000;
  private static final int REQUESTS = 50_000;
  private static final Instant DAY1 = Instant.parse("2026-12-01T00:00:00Z");
  private static final Instant DAY3 = DAY1.plus(Duration.ofDays(2));
  private static final TenantId ACME = TenantId.of("acme");

  private final InMemorySpendLedger ledger = InMemorySpendLedger.folding(RETAINED);

  /** Request i: key a or b, model m1 or m2, 3 s apart over two days (50,000 × 3 s < 2 days). */
  private static SpendEntry entry(int i) {
    Instant at = DAY1.plusSeconds(3L * i);
    return new SpendEntry(RequestId.of("req-" + i),
        i % 3 == 0 ? Owner.team(ACME, TeamId.of("ml")) : Owner.tenant(ACME),
        KeyId.of(i % 2 == 0 ? "a" : "b"), ModelName.of(i % 5 == 0 ? "m2" : "m1"), Optional.empty(),
        new TokenUsage(10, 0, 0, 5, 0), UsageSource.REPORTED, Money.ofNanoUsd(i + 1L),
        Instant.EPOCH, at, at.plusMillis(100), false);
  }

  private static SpendQuery all(Instant from, Instant to) {
    return new SpendQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        from, to);
  }

  private void appendAll() {
    for (int i = 0; i < REQUESTS; i++) {
      assertThat(ledger.append(entry(i))).isEqualTo(AppendResult.APPENDED);
    }
  }

  @Test
  void keepsTheRetainedEntriesAndABucketPerOwnerKeyModelAndDay() {
    appendAll();

    assertThat(ledger.retainedEntries()).isEqualTo(RETAINED);
    // tenant or team x key a/b x model m1/m2 x two days
    assertThat(ledger.foldedBuckets()).isLessThanOrEqualTo(2 * 2 * 2 * 2);
  }

  @Test
  void totalsAndBreakdownsOverWholeDaysStayExact() {
    appendAll();

    long cost = (long) REQUESTS * (REQUESTS + 1) / 2;
    SpendTotal total = ledger.total(all(DAY1, DAY3));
    assertThat(total.requests()).isEqualTo(REQUESTS);
    assertThat(total.cost()).isEqualTo(Money.ofNanoUsd(cost));
    assertThat(total.usage()).isEqualTo(new TokenUsage(10L * REQUESTS, 0, 0, 5L * REQUESTS, 0));
    List<SpendGroup> byKey = ledger.breakdown(all(DAY1, DAY3), SpendGrouping.KEY);
    assertThat(byKey).extracting(SpendGroup::group).containsExactly("a", "b");
    assertThat(byKey.get(0).total().requests() + byKey.get(1).total().requests())
        .isEqualTo(REQUESTS);
    assertThat(byKey.get(0).total().cost().plus(byKey.get(1).total().cost()))
        .isEqualTo(Money.ofNanoUsd(cost));
    assertThat(ledger.total(SpendQuery.forKey(ACME, KeyId.of("a"), DAY1, DAY3)))
        .isEqualTo(byKey.get(0).total());
  }

  @Test
  void aRangeEndingInsideFoldedEntriesIsRefusedNotGuessed() {
    appendAll();

    Instant midFirstDay = DAY1.plus(Duration.ofHours(12));
    assertThatThrownBy(() -> ledger.total(all(DAY1, midFirstDay)))
        .isInstanceOf(StoreRefusedException.class).hasMessageContaining("whole UTC days");
    // a range that ends after the last start (a budget window up to now) is answered
    assertThat(ledger.total(all(DAY1, DAY3.plusSeconds(1))).requests()).isEqualTo(REQUESTS);
  }

  @Test
  void aDuplicateOfARetainedEntryIsRecognised() {
    appendAll();

    SpendEntry newest = entry(REQUESTS - 1);
    assertThat(ledger.append(newest)).isEqualTo(AppendResult.EXISTS);
    assertThat(ledger.find(newest.requestId())).contains(newest);
    assertThat(ledger.find(entry(0).requestId())).isEmpty(); // folded: only its day's total knows it
  }

  @Test
  void theRefusingModeStillRefusesPastItsCapacity() {
    InMemorySpendLedger refusing = new InMemorySpendLedger(10);
    for (int i = 0; i < 10; i++) {
      refusing.append(entry(i));
    }
    assertThatThrownBy(() -> refusing.append(entry(10)))
        .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("full");
  }
}
