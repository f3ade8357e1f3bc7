package dev.tollgate.adapter.postgres;

import dev.tollgate.adapter.postgres.LedgerMapper.EntryRow;
import java.util.List;

/**
 * A batch's entries into the ledger through {@code COPY}: the rows go to the connection's
 * temporary staging table in PostgreSQL's binary copy format ({@link BinaryCopy}: no parameters
 * to bind, no text to parse), then one statement ({@link LedgerMapper#appendStaged}) claims their
 * ids, inserts the claimed entries and adds them to the daily rollup. {@code LedgerIngest}'s
 * profile put most of a fresh batch's cost in binding and decoding the columns as arrays (the
 * driver's array encoding, the server's array input and {@code unnest}); a copy is the server's
 * cheapest way in.
 */
final class LedgerStaging {

  /** Temporary, so schema-free: each connection's own. */
  static final String TABLE = "pg_temp.tollgate_ledger_staging";

  private static final String COPY =
      "COPY " + TABLE + " (" + LedgerMapper.STAGED + ") FROM STDIN (FORMAT binary)";
  private static final int FIELDS = 21;
  /** A typical staged row's bytes, to size the buffer once. */
  private static final int ROW_BYTES = 320;

  private LedgerStaging() {}

  /**
   * Stages {@code rows} (sorted by request id: their claim order) and appends them; the ids this
   * batch claimed, i.e. the entries it inserted: by {@link LedgerMapper#appendStagedFresh} or
   * {@link LedgerMapper#appendStaged}, as {@code claims} decides. {@code tx} must be a transaction
   * ({@link Db#inTransaction}): the staging table empties at every commit, so with autocommit the
   * copied rows would be gone before the statement that reads them. The table is created in the
   * same transaction when the connection has none yet (or lost it with a rolled-back one).
   */
  static List<String> append(Tx tx, List<EntryRow> rows, FreshFirst claims) {
    LedgerMapper ledger = tx.mapper(LedgerMapper.class);
    ledger.createStaging();
    BinaryCopy copy = encode(rows);
    tx.copyIn(COPY, copy.bytes(), copy.size());
    List<String> ids = rows.stream().map(EntryRow::requestId).toList();
    return claims.claim(tx, ids, () -> {
      int claimed = ledger.appendStagedFresh();
      if (claimed != ids.size()) {
        throw new IllegalStateException(claimed + " of " + ids.size() + " staged ids claimed");
      }
    }, ledger::appendStaged);
  }

  static BinaryCopy encode(List<EntryRow> rows) {
    BinaryCopy copy = new BinaryCopy(rows.size() * ROW_BYTES);
    for (int n = 0; n < rows.size(); n++) {
      EntryRow r = rows.get(n);
      copy.row(FIELDS).int4Field(n)
          .text(r.requestId()).text(r.tenantId()).text(r.teamId()).text(r.keyId())
          .text(r.model()).text(r.endUser())
          .int8Field(r.inputTokens()).int8Field(r.cachedInputTokens())
          .int8Field(r.cacheWriteInputTokens()).int8Field(r.outputTokens())
          .int8Field(r.reasoningTokens())
          .text(r.source()).int8Field(r.costNanoUsd())
          .timestamptz(r.priceEffectiveFrom()).timestamptz(r.startedAt())
          .timestamptz(r.recordedAt()).bool(r.overage()).int8Field(r.cacheWrite1hInputTokens())
          .text(r.session()).text(r.tags());
    }
    return copy.finish();
  }
}
