package dev.tollgate.adapter.postgres;

import dev.tollgate.domain.ledger.SpendEntry;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Monthly partitions of {@code ledger_entries}, created on demand: before a batch is appended,
 * every month it touches that this process has not seen yet is made to exist (the function is a
 * no-op when it does). Months are remembered, up to {@link #MAX_REMEMBERED}.
 */
final class LedgerPartitions {

  /** Entries must start within years 1..9999: partitions are named by YYYYMM. */
  static final Instant EARLIEST = LocalDate.of(1, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
  static final Instant END = LocalDate.of(10_000, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
  private static final int MAX_REMEMBERED = 1200;

  private final Db db;
  private final Set<YearMonth> known = ConcurrentHashMap.newKeySet();

  LedgerPartitions(Db db) {
    this.db = db;
  }

  static YearMonth monthOf(Instant startedAt) {
    if (startedAt.isBefore(EARLIEST) || !startedAt.isBefore(END)) {
      throw new IllegalArgumentException(
          "a ledger entry must start in years 1..9999: " + startedAt);
    }
    return YearMonth.from(startedAt.atOffset(ZoneOffset.UTC));
  }

  void ensure(Collection<SpendEntry> entries) {
    Set<YearMonth> months = new TreeSet<>();
    entries.forEach(e -> months.add(monthOf(e.startedAt())));
    for (YearMonth month : months) {
      if (!known.contains(month)) {
        db.read("create ledger partition",
            tx -> tx.mapper(LedgerMapper.class).ensureMonth(month.atDay(1)));
        if (known.size() >= MAX_REMEMBERED) {
          known.clear();
        }
        known.add(month);
      }
    }
  }

  /** A partition this process knew was dropped (retention): ask the database again. */
  void forget() {
    known.clear();
  }
}
