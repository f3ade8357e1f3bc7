package dev.tollgate.app.report;

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

/** Ledger entries for report and CLI tests. */
public final class SpendEntries {

  public static final Instant PRICED_FROM = Instant.parse("2026-01-01T00:00:00Z");

  private SpendEntries() {}

  /** A reported entry of {@code tenant}'s key, started at {@code at}, costing {@code nanoUsd}. */
  public static SpendEntry entry(String request, String tenant, String key, String model,
      Instant at, TokenUsage usage, long nanoUsd) {
    return new SpendEntry(RequestId.of(request), Owner.tenant(TenantId.of(tenant)), KeyId.of(key),
        ModelName.of(model), Optional.empty(), usage, UsageSource.REPORTED,
        Money.ofNanoUsd(nanoUsd), PRICED_FROM, at, at.plusMillis(1500), false);
  }

  /** The same entry for a team, with an end user, estimated and over its hold. */
  public static SpendEntry teamEntry(String request, String tenant, String team, String key,
      String model, String endUser, Instant at, TokenUsage usage, long nanoUsd) {
    return new SpendEntry(RequestId.of(request), Owner.team(TenantId.of(tenant), TeamId.of(team)),
        KeyId.of(key), ModelName.of(model), Optional.of(EndUserId.of(endUser)), usage,
        UsageSource.ESTIMATED, Money.ofNanoUsd(nanoUsd), PRICED_FROM, at, at.plusMillis(250),
        true);
  }
}
