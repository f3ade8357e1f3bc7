package dev.tollgate.adapter.postgres;

import dev.tollgate.adapter.postgres.LedgerMapper.EntryRow;
import dev.tollgate.adapter.postgres.LedgerMapper.SumRow;
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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** Ledger entries to rows and back, and a batch's contribution to the daily rollup. */
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
        e.tags().joined());
  }

  static SpendEntry toEntry(EntryRow r) {
    return new SpendEntry(
        RequestId.of(r.requestId()),
        new Owner(TenantId.of(r.tenantId()), Optional.ofNullable(r.teamId()).map(TeamId::of)),
        KeyId.of(r.keyId()),
        ModelName.of(r.model()),
        Optional.ofNullable(r.endUser()).map(EndUserId::of),
        new TokenUsage(r.inputTokens(), r.cachedInputTokens(), r.cacheWriteInputTokens(),
            r.outputTokens(), r.reasoningTokens(), r.cacheWrite1hInputTokens()),
        UsageSource.valueOf(r.source()),
        Money.ofNanoUsd(r.costNanoUsd()),
        r.priceEffectiveFrom(),
        r.startedAt(),
        r.recordedAt(),
        r.overage(),
        Optional.ofNullable(r.session()).map(SessionId::of),
        Tags.parse(r.tags()));
  }

  /**
   * The rollup rows of freshly appended entries, summed per (tenant, day, team, key, model) and in
   * that order, the primary key's: concurrent appends lock rollup rows in one order.
   */
  static List<SumRow> daily(List<EntryRow> fresh) {
    TreeMap<String, SumRow> sums = new TreeMap<>();
    for (EntryRow e : fresh) {
      LocalDate day = LocalDate.ofInstant(e.startedAt(), ZoneOffset.UTC);
      String team = e.teamId() == null ? "" : e.teamId();
      SumRow one = new SumRow(day, e.tenantId(), team, e.keyId(), e.model(), 1, e.costNanoUsd(),
          e.inputTokens(), e.cachedInputTokens(), e.cacheWriteInputTokens(), e.outputTokens(),
          e.reasoningTokens(), e.cacheWrite1hInputTokens());
      String key = String.join("\u0000", e.tenantId(), day.toString(), team, e.keyId(), e.model());
      sums.merge(key, one, LedgerRows::plus);
    }
    return new ArrayList<>(sums.values());
  }

  private static SumRow plus(SumRow a, SumRow b) {
    return new SumRow(a.day(), a.tenantId(), a.teamId(), a.keyId(), a.model(),
        Math.addExact(a.requests(), b.requests()),
        Math.addExact(a.costNanoUsd(), b.costNanoUsd()),
        Math.addExact(a.inputTokens(), b.inputTokens()),
        Math.addExact(a.cachedInputTokens(), b.cachedInputTokens()),
        Math.addExact(a.cacheWriteInputTokens(), b.cacheWriteInputTokens()),
        Math.addExact(a.outputTokens(), b.outputTokens()),
        Math.addExact(a.reasoningTokens(), b.reasoningTokens()),
        Math.addExact(a.cacheWrite1hInputTokens(), b.cacheWrite1hInputTokens()));
  }
}
