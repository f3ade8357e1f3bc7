package dev.tollgate.adapter.postgres;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * The ledger's partition jobs, for a scheduler in the app to call (each is safe to run on every
 * replica at once):
 *
 * <ul>
 *   <li>{@link #createMonthsAhead}: creates next months' partitions before they are needed, so an
 *       append never waits for the DDL at a month's turn;
 *   <li>{@link #applyRetention}: the retention policy. It keeps the current month and the
 *       {@code keepMonths} months before it; older monthly partitions are dropped whole (no row
 *       by row delete, no bloat) and their request ids forgotten in bounded batches. The daily
 *       rollup is kept, so totals over whole days of dropped months still answer; listings and
 *       partial days of dropped months are empty. A request id older than the retention horizon
 *       could be appended again: journals and retries must replay within it.
 * </ul>
 */
public final class PostgresLedgerMaintenance {

  static final int MAX_MONTHS_AHEAD = 120;
  static final int FORGET_BATCH = 10_000;
  static final int MAX_FORGET_BATCHES = 1_000;

  /** What one retention run did. */
  public record Retention(int droppedMonths, long forgottenRequestIds) {}

  private final Db db;

  PostgresLedgerMaintenance(Db db) {
    this.db = db;
  }

  /** Makes sure the partitions of now's month and the {@code months} after it exist. */
  public int createMonthsAhead(Instant now, int months) {
    if (months < 0 || months >= MAX_MONTHS_AHEAD) {
      throw new IllegalArgumentException("months must be 0.." + (MAX_MONTHS_AHEAD - 1));
    }
    LocalDate first = LedgerPartitions.monthOf(now).atDay(1);
    return db.read("create ledger partitions",
        tx -> tx.mapper(LedgerMapper.class).ensureMonths(first, months + 1));
  }

  /** Drops the partitions of months before now's month minus {@code keepMonths}. */
  public Retention applyRetention(Instant now, int keepMonths) {
    if (keepMonths < 0) {
      throw new IllegalArgumentException("keepMonths must not be negative");
    }
    YearMonth cutoffMonth = LedgerPartitions.monthOf(now).minusMonths(keepMonths);
    LocalDate cutoff = cutoffMonth.atDay(1);
    Instant cutoffInstant = cutoff.atStartOfDay().toInstant(ZoneOffset.UTC);
    int dropped = db.read("drop ledger partitions",
        tx -> tx.mapper(LedgerMapper.class).dropMonthsBefore(cutoff));
    long forgotten = 0;
    for (int batch = 0; batch < MAX_FORGET_BATCHES; batch++) {
      int n = db.read("forget ledger request ids",
          tx -> tx.mapper(LedgerMapper.class).forgetRequestIdsBefore(cutoffInstant, FORGET_BATCH));
      forgotten += n;
      if (n < FORGET_BATCH) {
        break;
      }
    }
    return new Retention(dropped, forgotten);
  }
}
