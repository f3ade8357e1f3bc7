package dev.tollgate.adapter.postgres;

import dev.tollgate.adapter.postgres.LedgerMapper.EntryRow;
import java.util.List;

/**
 * A batch's entries into the ledger through {@code COPY}, PostgreSQL's binary copy format
 * ({@link BinaryCopy}: no parameters to bind, no text to parse). {@code LedgerIngest}'s profile
 * put most of a fresh batch's cost in binding and decoding the columns as arrays; a copy is the
 * server's cheapest way in.
 *
 * <p>A batch none of whose ids is recorded, the usual case, is copied straight into the ledger:
 * its ids into {@code ledger_request_ids} (in the order given, sorted by id: their claim order),
 * its entries into {@code ledger_entries}, and its sums, made here ({@link DailySums}), added to
 * the daily rollup. A copy inserts its rows a page at a time (one WAL record per page, not per
 * row), with no staging table to write and read back: PostgreSQL spent 1.3-3.0 µs less CPU per
 * entry of a {@code LedgerIngest} drain than on the staged path, and ~3 µs less per request
 * served under load (docs/benchmarks.md, "twenty-fourth session"). A recorded id fails the copy
 * with a unique violation, and {@link FreshFirst} then runs the staged path in its place: the
 * rows go to the connection's temporary staging table, and one statement
 * ({@link LedgerMapper#appendStaged}) claims the ids not recorded yet, inserts those entries and
 * adds them to the rollup.
 */
final class LedgerStaging {

  /** Temporary, so schema-free: each connection's own. */
  static final String TABLE = "pg_temp.tollgate_ledger_staging";

  private static final String COPY =
      "COPY " + TABLE + " (" + LedgerMapper.STAGED + ") FROM STDIN (FORMAT binary)";
  private static final int FIELDS = 22;
  /** A typical staged row's bytes, to size the buffer once. */
  private static final int ROW_BYTES = 320;
  private static final int ID_FIELDS = 2;
  private static final int ID_BYTES = 64;
  private static final String[] NO_TAGS = {};
  /** Rows per statement of a fresh batch below the full size (see {@link #copyFresh}). */
  static final int FRESH_STATEMENT_ROWS = 100;

  private LedgerStaging() {}

  /**
   * Appends {@code rows} (sorted by request id: their claim order); the ids this batch claimed,
   * i.e. the entries it inserted: all of them copied straight in, or those the staged statement
   * claimed, as {@code claims} decides. {@code tx} must be a transaction ({@link Db#inTransaction}):
   * the staging table empties at every commit, so with autocommit the copied rows would be gone
   * before the statement that reads them. The table is created in the same transaction when the
   * connection has none yet (or lost it with a rolled-back one).
   */
  static List<String> append(Tx tx, List<EntryRow> rows, FreshFirst claims) {
    List<String> ids = rows.stream().map(EntryRow::requestId).toList();
    return claims.claim(tx, ids, () -> copyFresh(tx, rows), () -> stageAndClaim(tx, rows));
  }

  /**
   * All of {@code rows} new: copied straight into the ledger, the rollup's sums added. A batch
   * below {@link PostgresSpendLedger#MAX_BATCH} (the service's own, every 50 ms) is copied in
   * statements of at most {@link #FRESH_STATEMENT_ROWS} rows, in the same transaction: between two
   * statements the backend waits on its socket, so where the database shares the service's cores
   * (the embedded store) a request's wake-up queued behind it runs there instead of waiting out
   * one statement of the whole batch. At one connection that cut the gaps of 2 ms or more in the
   * service's answers by 35-40 % in every run (the p99 from 2.85 to 2.19 ms in one pair of
   * series, the same in another), at 32 connections it cost nothing measurable
   * (docs/benchmarks.md, thirty-second session). A backlog's full batches go in one statement
   * each, as a drain's speed is the ingest target.
   */
  private static void copyFresh(Tx tx, List<EntryRow> rows) {
    int step = rows.size() < PostgresSpendLedger.MAX_BATCH ? FRESH_STATEMENT_ROWS : rows.size();
    for (int from = 0; from < rows.size(); from += step) {
      copyFreshRows(tx, rows.subList(from, Math.min(rows.size(), from + step)));
    }
    DailySums.of(rows).addTo(tx.mapper(LedgerMapper.class));
  }

  private static void copyFreshRows(Tx tx, List<EntryRow> rows) {
    BinaryCopy ids = encodeIds(rows);
    long claimed = tx.copyIn("COPY " + tx.schema() + ".ledger_request_ids (request_id, started_at)"
        + " FROM STDIN (FORMAT binary)", ids.bytes(), ids.size());
    if (claimed != rows.size()) {
      throw new IllegalStateException(claimed + " of " + rows.size() + " copied ids claimed");
    }
    BinaryCopy entries = encodeEntries(rows);
    tx.copyIn("COPY " + tx.schema() + ".ledger_entries (" + LedgerMapper.COLUMNS + ", tags)"
        + " FROM STDIN (FORMAT binary)", entries.bytes(), entries.size());
  }

  /** The staged path: the ids not recorded yet, claimed, and their entries inserted. */
  private static List<String> stageAndClaim(Tx tx, List<EntryRow> rows) {
    LedgerMapper ledger = tx.mapper(LedgerMapper.class);
    ledger.createStaging();
    BinaryCopy copy = encode(rows);
    tx.copyIn(COPY, copy.bytes(), copy.size());
    return ledger.appendStaged();
  }

  private static BinaryCopy encodeIds(List<EntryRow> rows) {
    BinaryCopy copy = new BinaryCopy(rows.size() * ID_BYTES);
    for (EntryRow r : rows) {
      copy.row(ID_FIELDS).text(r.requestId()).timestamptz(r.startedAt());
    }
    return copy.finish();
  }

  /** The rows in {@link LedgerMapper#COLUMNS}' order, then the tags as an array. */
  private static BinaryCopy encodeEntries(List<EntryRow> rows) {
    BinaryCopy copy = new BinaryCopy(rows.size() * ROW_BYTES);
    for (EntryRow r : rows) {
      columns(copy.row(FIELDS - 1), r).textArray(tags(r.tags()));
    }
    return copy.finish();
  }

  /** The staging table's rows: the position, the columns, the tags joined. */
  private static BinaryCopy encode(List<EntryRow> rows) {
    BinaryCopy copy = new BinaryCopy(rows.size() * ROW_BYTES);
    for (int n = 0; n < rows.size(); n++) {
      EntryRow r = rows.get(n);
      columns(copy.row(FIELDS).int4Field(n), r).text(r.tags());
    }
    return copy.finish();
  }

  private static BinaryCopy columns(BinaryCopy copy, EntryRow r) {
    return copy.text(r.requestId()).text(r.tenantId()).text(r.teamId()).text(r.keyId())
        .text(r.model()).text(r.endUser())
        .int8Field(r.inputTokens()).int8Field(r.cachedInputTokens())
        .int8Field(r.cacheWriteInputTokens()).int8Field(r.outputTokens())
        .int8Field(r.reasoningTokens())
        .text(r.source()).int8Field(r.costNanoUsd())
        .timestamptz(r.priceEffectiveFrom()).timestamptz(r.startedAt())
        .timestamptz(r.recordedAt()).bool(r.overage()).int8Field(r.cacheWrite1hInputTokens())
        .text(r.session()).int8Field(r.audioMs());
  }

  /** Tags joined by commas ("" for none; a tag has no comma), as {@code string_to_array} splits them. */
  private static String[] tags(String joined) {
    return joined.isEmpty() ? NO_TAGS : joined.split(",", -1);
  }
}
