package dev.tollgate.adapter.journal;

import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.EndUserId;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.domain.usage.UsageSource;
import java.time.Instant;
import java.util.Optional;

/** Spend entries for journal tests: entry i costs i + 1 odd nanos so sums are checkable. */
final class Entries {

  static final Instant T0 = Instant.parse("2026-11-24T10:15:30.123456789Z");

  private Entries() {}

  static SpendEntry entry(String prefix, int i) {
    return new SpendEntry(
        RequestId.of(prefix + "-" + i),
        i % 2 == 0 ? Owner.tenant(TenantId.of("acme")) : Owner.team(TenantId.of("acme"), TeamId.of("ml")),
        KeyId.of("key_1"),
        ModelName.of("llama3:8b"),
        i % 3 == 0 ? Optional.of(EndUserId.of("user-" + i)) : Optional.empty(),
        new TokenUsage(10 + i, i % 5, i % 7, 20 + i, i % 3, i % 6),
        i % 4 == 0 ? UsageSource.ESTIMATED : UsageSource.REPORTED,
        Money.ofNanoUsd(2L * i + 1),
        Instant.EPOCH,
        T0.plusNanos(i),
        T0.plusSeconds(1).plusNanos(i),
        i % 11 == 0);
  }

  /** Sum of the costs of entries 0..n-1. */
  static Money costOfFirst(int n) {
    return Money.ofNanoUsd((long) n * n);
  }
}
