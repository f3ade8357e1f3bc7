package dev.tollgate.adapter.memory;

import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.ledger.SpendGrouping;
import dev.tollgate.domain.ledger.SpendQuery;
import dev.tollgate.domain.ledger.SpendTotal;
import dev.tollgate.port.out.StoreRefusedException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Ledger entries no longer kept one by one, summed per (tenant, team, key, model, UTC day) with
 * the first and last start among them: as many buckets as keys, models and days, however many
 * requests. A query counts a bucket whole when every folded start is inside its range and skips
 * it when none is; a range that cuts through a bucket's folded starts cannot be answered exactly
 * and is refused rather than guessed.
 */
final class FoldedSpend {

  private record Key(TenantId tenant, Optional<TeamId> team, KeyId key, ModelName model,
      LocalDate day) {}

  private static final class Bucket {
    Instant first;
    Instant last;
    SpendTotal total = SpendTotal.NONE;
  }

  private final Map<Key, Bucket> buckets = new HashMap<>();

  void fold(SpendEntry e) {
    Key key = new Key(e.owner().tenant(), e.owner().team(), e.key(), e.model(),
        LocalDate.ofInstant(e.startedAt(), ZoneOffset.UTC));
    Bucket b = buckets.computeIfAbsent(key, k -> new Bucket());
    b.first = b.first == null || e.startedAt().isBefore(b.first) ? e.startedAt() : b.first;
    b.last = b.last == null || e.startedAt().isAfter(b.last) ? e.startedAt() : b.last;
    b.total = b.total.plus(1, e.cost(), e.usage());
  }

  int buckets() {
    return buckets.size();
  }

  SpendTotal total(SpendQuery q) {
    SpendTotal total = SpendTotal.NONE;
    for (Map.Entry<Key, Bucket> e : buckets.entrySet()) {
      if (counts(q, e.getKey(), e.getValue())) {
        SpendTotal t = e.getValue().total;
        total = total.plus(t.requests(), t.cost(), t.usage());
      }
    }
    return total;
  }

  /** Adds the buckets the query counts to {@code groups}. */
  void breakdown(SpendQuery q, SpendGrouping grouping, Map<String, SpendTotal> groups) {
    buckets.forEach((key, bucket) -> {
      if (counts(q, key, bucket)) {
        groups.merge(groupOf(key, grouping), bucket.total,
            (a, b) -> a.plus(b.requests(), b.cost(), b.usage()));
      }
    });
  }

  /** Adds the buckets the query counts to {@code cells}, by day and then group. */
  void cells(SpendQuery q, SpendGrouping grouping, Map<LocalDate, Map<String, SpendTotal>> cells) {
    buckets.forEach((key, bucket) -> {
      if (counts(q, key, bucket)) {
        cells.computeIfAbsent(key.day(), d -> new HashMap<>()).merge(groupOf(key, grouping),
            bucket.total, (a, b) -> a.plus(b.requests(), b.cost(), b.usage()));
      }
    });
  }

  private static boolean counts(SpendQuery q, Key key, Bucket b) {
    boolean owner = q.tenant().map(key.tenant()::equals).orElse(true)
        && q.team().map(t -> key.team().map(t::equals).orElse(false)).orElse(true)
        && q.key().map(key.key()::equals).orElse(true)
        && q.model().map(key.model()::equals).orElse(true);
    if (!owner || b.last.isBefore(q.from()) || !b.first.isBefore(q.to())) {
      return false;
    }
    if (q.endUser().isPresent() || q.session().isPresent() || q.tag().isPresent()) {
      throw new StoreRefusedException("the in-memory ledger keeps requests of " + key.day()
          + " as totals without their end users, sessions and tags; it cannot answer for one"
          + " there");
    }
    if (!b.first.isBefore(q.from()) && b.last.isBefore(q.to())) {
      return true;
    }
    throw new StoreRefusedException("the in-memory ledger keeps requests of " + key.day()
        + " between " + b.first + " and " + b.last + " as one total; ask for a range that"
        + " does not start or end between them (whole UTC days always work)");
  }

  private static String groupOf(Key key, SpendGrouping grouping) {
    return switch (grouping) {
      case DAY -> key.day().toString();
      case TENANT -> key.tenant().value();
      case TEAM -> key.team().map(TeamId::value).orElse("");
      case KEY -> key.key().value();
      case MODEL -> key.model().value();
      case END_USER -> throw new StoreRefusedException("the in-memory ledger keeps requests of "
          + key.day() + " as totals without their end users; it cannot group them by end user");
      case SESSION -> throw new StoreRefusedException("the in-memory ledger keeps requests of "
          + key.day() + " as totals without their sessions; it cannot group them by session");
      case TAG -> throw new StoreRefusedException("the in-memory ledger keeps requests of "
          + key.day() + " as totals without their tags; it cannot group them by tag");
    };
  }
}
