package dev.tollgate.adapter.postgres;

import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.ledger.SpendTotal;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.domain.usage.UsageSource;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Ledger entries with ids unique to one instance, so tests never depend on an empty ledger. */
final class LedgerFixtures {

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final AtomicInteger counter = new AtomicInteger();
  final TenantId tenant = TenantId.of("tenant-" + run);
  final KeyId key = KeyId.of("key-" + run);
  final ModelName model = ModelName.of("model-" + run);

  SpendEntry entry(long costNanoUsd, Instant startedAt) {
    int n = counter.incrementAndGet();
    return new SpendEntry(
        RequestId.of("req-%s-%06d".formatted(run, n)),
        Owner.tenant(tenant),
        key,
        model,
        Optional.empty(),
        new TokenUsage(n, n % 7, n % 3, 2L * n, n % 5),
        UsageSource.REPORTED,
        Money.ofNanoUsd(costNanoUsd),
        startedAt.minusSeconds(86_400),
        startedAt,
        startedAt.plusSeconds(1),
        false);
  }

  static SpendTotal sum(Collection<SpendEntry> entries) {
    SpendTotal total = SpendTotal.NONE;
    for (SpendEntry e : entries) {
      total = total.plus(1, e.cost(), e.usage());
    }
    return total;
  }
}
