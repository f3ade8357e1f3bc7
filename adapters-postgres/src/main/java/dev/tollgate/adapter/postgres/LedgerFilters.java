package dev.tollgate.adapter.postgres;

import dev.tollgate.adapter.postgres.LedgerMapper.Filter;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.ledger.SpendQuery;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.EndUserId;
import dev.tollgate.domain.tenancy.SessionId;
import dev.tollgate.domain.tenancy.Tag;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.TenantId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** A {@link SpendQuery} as mapper parameters: raw rows for partial days, the rollup for whole. */
final class LedgerFilters {

  private LedgerFilters() {}

  /** For listing entries: [from, to) on raw rows only. */
  static Filter forEntries(SpendQuery q, int offset, int limit) {
    return filter(q, null, null, q.from(), q.to(), null, null, offset, limit);
  }

  /**
   * For totals: whole UTC days inside [from, to) from {@code ledger_daily}, the partial day at
   * each end from {@code ledger_entries}. A range inside one day reads raw rows only. Entries
   * only start in years 1..9999, so the range is clamped to that first.
   */
  static Filter forTotal(SpendQuery q) {
    return forTotal(q, false);
  }

  /**
   * As {@link #forTotal(SpendQuery)}; {@code rawOnly} (and an end-user, session or tag filter)
   * reads raw rows for the whole range, for what the daily rollup does not carry: the end user, the
   * session, the tags.
   */
  static Filter forTotal(SpendQuery q, boolean rawOnly) {
    Instant from = max(q.from(), LedgerPartitions.EARLIEST);
    Instant to = min(q.to(), LedgerPartitions.END);
    if (!from.isBefore(to)) {
      return filter(q, null, null, null, null, null, null, 0, 0);
    }
    if (rawOnly || q.endUser().isPresent() || q.session().isPresent() || q.tag().isPresent()) {
      return filter(q, null, null, from, to, null, null, 0, 0);
    }
    LocalDate fullFrom = ceilDay(from);
    LocalDate fullTo = LocalDate.ofInstant(to, ZoneOffset.UTC);
    if (!fullFrom.isBefore(fullTo)) {
      return filter(q, null, null, from, to, null, null, 0, 0);
    }
    Instant fullStart = start(fullFrom);
    Instant fullEnd = start(fullTo);
    return filter(q, fullFrom, fullTo,
        from.isBefore(fullStart) ? from : null, from.isBefore(fullStart) ? fullStart : null,
        fullEnd.isBefore(to) ? fullEnd : null, fullEnd.isBefore(to) ? to : null, 0, 0);
  }

  private static Filter filter(SpendQuery q, LocalDate fullFrom, LocalDate fullTo,
      Instant headFrom, Instant headTo, Instant tailFrom, Instant tailTo, int offset, int limit) {
    return new Filter(
        q.tenant().map(TenantId::value).orElse(null),
        q.team().map(TeamId::value).orElse(null),
        q.key().map(KeyId::value).orElse(null),
        q.model().map(ModelName::value).orElse(null),
        q.endUser().map(EndUserId::value).orElse(null),
        q.session().map(SessionId::value).orElse(null),
        q.tag().map(Tag::value).orElse(null),
        fullFrom, fullTo, headFrom, headTo, tailFrom, tailTo, offset, limit);
  }

  /** The first UTC midnight at or after {@code instant}. */
  private static LocalDate ceilDay(Instant instant) {
    LocalDate day = LocalDate.ofInstant(instant, ZoneOffset.UTC);
    return start(day).equals(instant) ? day : day.plusDays(1);
  }

  private static Instant start(LocalDate day) {
    return day.atStartOfDay().toInstant(ZoneOffset.UTC);
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
