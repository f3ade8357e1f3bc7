package dev.tollgate.adapter.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.ledger.SpendGrouping;
import dev.tollgate.domain.ledger.SpendQuery;
import dev.tollgate.domain.ledger.SpendSeries;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.domain.usage.UsageSource;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A folding ledger's series counts its folded per-day totals as the unfolded one counts entries. */
class FoldedSpendSeriesTest {

  @Test
  void foldedDaysChartAsTheEntriesTheyHold() {
    InMemorySpendLedger folding = InMemorySpendLedger.folding(5);
    InMemorySpendLedger keeping = new InMemorySpendLedger();
    Instant midnight = Instant.parse("2030-03-13T00:00:00Z");
    TenantId tenant = TenantId.of("folded");
    for (int i = 0; i < 40; i++) {
      Instant at = midnight.plusSeconds(3600L * 3 * i + 60);
      SpendEntry e = new SpendEntry(RequestId.of("req-" + i), Owner.tenant(tenant),
          KeyId.of("key-" + i % 3), ModelName.of("model-" + i % 4), Optional.empty(),
          TokenUsage.of(10 + i, 20 + i), UsageSource.REPORTED, Money.ofNanoUsd(1_000_003L * i),
          Instant.EPOCH, at, at.plusSeconds(1), false);
      folding.append(e);
      keeping.append(e);
    }
    assertThat(folding.foldedBuckets()).isPositive();
    SpendQuery days = SpendQuery.forTenant(tenant, midnight, midnight.plusSeconds(6 * 86_400));
    for (SpendGrouping g : new SpendGrouping[] {SpendGrouping.KEY, SpendGrouping.MODEL}) {
      SpendSeries s = folding.series(days, g, 2);
      assertThat(s).isEqualTo(keeping.series(days, g, 2));
      assertThat(s.groups()).isEqualTo(folding.breakdown(days, g));
      assertThat(s.total()).isEqualTo(folding.total(days));
    }
  }
}
