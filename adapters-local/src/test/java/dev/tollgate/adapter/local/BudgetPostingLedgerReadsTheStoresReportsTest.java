package dev.tollgate.adapter.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.memory.InMemoryBudgetStore;
import dev.tollgate.adapter.memory.InMemorySpendLedger;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.ledger.AppendResult;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.ledger.SpendGroup;
import dev.tollgate.domain.ledger.SpendGrouping;
import dev.tollgate.domain.ledger.SpendQuery;
import dev.tollgate.domain.ledger.SpendSeries;
import dev.tollgate.domain.ledger.SpendTotal;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.domain.usage.UsageSource;
import dev.tollgate.port.out.SpendLedger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The posting ledger answers breakdowns and series from the store's own reports (a GROUP BY over
 * its rollup), never by the port's defaults that page through every entry: the console's year
 * of spend took seconds while it did.
 */
class BudgetPostingLedgerReadsTheStoresReportsTest {

  @Test
  void breakdownsAndSeriesAreTheStoresNotAPagingOfEntries() {
    InMemorySpendLedger store = new InMemorySpendLedger();
    SpendLedger noPaging = new SpendLedger() {
      @Override
      public AppendResult append(SpendEntry entry) {
        return store.append(entry);
      }

      @Override
      public Optional<SpendEntry> find(RequestId request) {
        return store.find(request);
      }

      @Override
      public SpendTotal total(SpendQuery query) {
        return store.total(query);
      }

      @Override
      public List<SpendEntry> entries(SpendQuery query, int offset, int limit) {
        throw new AssertionError("a report paged through the entries");
      }

      @Override
      public List<SpendGroup> breakdown(SpendQuery query, SpendGrouping grouping) {
        return store.breakdown(query, grouping);
      }

      @Override
      public SpendSeries series(SpendQuery query, SpendGrouping grouping, int top) {
        return store.series(query, grouping, top);
      }
    };
    Clock clock = Clock.fixed(Instant.parse("2030-03-14T10:00:00Z"), ZoneOffset.UTC);
    BudgetPostingLedger posting = new BudgetPostingLedger(noPaging, new InMemoryBudgetStore(),
        PostingListener.NONE, clock);
    Instant at = clock.instant().minusSeconds(60);
    posting.append(new SpendEntry(RequestId.of("req-1"), Owner.tenant(TenantId.of("acme")),
        KeyId.of("key-1"), ModelName.of("m"), Optional.empty(), TokenUsage.of(1, 2),
        UsageSource.REPORTED, Money.ofNanoUsd(42), Instant.EPOCH, at, at, false));
    SpendQuery q = SpendQuery.forTenant(TenantId.of("acme"), at.minusSeconds(3600), clock.instant());

    assertThat(posting.breakdown(q, SpendGrouping.MODEL)).isEqualTo(store.breakdown(q,
        SpendGrouping.MODEL));
    assertThat(posting.series(q, SpendGrouping.KEY, 5).total().cost())
        .isEqualTo(Money.ofNanoUsd(42));
  }
}
