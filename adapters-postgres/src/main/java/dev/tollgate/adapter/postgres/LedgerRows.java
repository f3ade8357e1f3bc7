package dev.tollgate.adapter.postgres;

import dev.tollgate.adapter.postgres.LedgerMapper.EntryRow;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.EndUserId;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.tenancy.SessionId;
import dev.tollgate.domain.tenancy.Tags;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.domain.usage.UsageSource;
import java.util.Optional;

/** Ledger entries to rows and back. */
final class LedgerRows {

  private LedgerRows() {}

  /** The entry as PostgreSQL will keep it (instants to the microsecond): what appends compare. */
  static SpendEntry storable(SpendEntry e) {
    return new SpendEntry(e.requestId(), e.owner(), e.key(), e.model(), e.endUser(), e.usage(),
        e.source(), e.cost(), PgInstantTypeHandler.storable(e.priceEffectiveFrom()),
        PgInstantTypeHandler.storable(e.startedAt()),
        PgInstantTypeHandler.storable(e.recordedAt()), e.overage(), e.session(), e.tags());
  }

  static EntryRow toRow(SpendEntry e) {
    TokenUsage u = e.usage();
    return new EntryRow(
        e.requestId().value(),
        e.owner().tenant().value(),
        e.owner().team().map(TeamId::value).orElse(null),
        e.key().value(),
        e.model().value(),
        e.endUser().map(EndUserId::value).orElse(null),
        u.inputTokens(),
        u.cachedInputTokens(),
        u.cacheWriteInputTokens(),
        u.outputTokens(),
        u.reasoningTokens(),
        e.source().name(),
        e.cost().nanoUsd(),
        e.priceEffectiveFrom(),
        e.startedAt(),
        e.recordedAt(),
        e.overage(),
        u.cacheWrite1hInputTokens(),
        e.session().map(SessionId::value).orElse(null),
        e.tags().joined(),
        u.audioMillis());
  }

  static SpendEntry toEntry(EntryRow r) {
    return new SpendEntry(
        RequestId.of(r.requestId()),
        new Owner(TenantId.of(r.tenantId()), Optional.ofNullable(r.teamId()).map(TeamId::of)),
        KeyId.of(r.keyId()),
        ModelName.of(r.model()),
        Optional.ofNullable(r.endUser()).map(EndUserId::of),
        new TokenUsage(r.inputTokens(), r.cachedInputTokens(), r.cacheWriteInputTokens(),
            r.outputTokens(), r.reasoningTokens(), r.cacheWrite1hInputTokens(), r.audioMs()),
        UsageSource.valueOf(r.source()),
        Money.ofNanoUsd(r.costNanoUsd()),
        r.priceEffectiveFrom(),
        r.startedAt(),
        r.recordedAt(),
        r.overage(),
        Optional.ofNullable(r.session()).map(SessionId::of),
        Tags.parse(r.tags()));
  }
}
