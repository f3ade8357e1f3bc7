package dev.tollgate.adapter.postgres;

import dev.tollgate.adapter.postgres.BudgetMapper.AccountKey;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** SQL of holds, their parts on accounts, and remembered settlements. */
interface HoldMapper {

  /** A row of {@code budget_holds}. */
  record HoldRow(String holdId, long amountNanoUsd, Instant expiresAt) {}

  /** A row of {@code budget_hold_parts}: one hold's share on one account. */
  record PartRow(
      String holdId, String scopeKey, Instant windowStart, long amountNanoUsd, Instant expiresAt) {}

  /** A row of {@code budget_settlement_results}. */
  record ResultRow(
      String holdId,
      int position,
      String scopeKey,
      long postedNanoUsd,
      long releasedNanoUsd,
      long overageNanoUsd,
      boolean holdWasMissing,
      boolean crossedSoftLimit) {}

  String PART_COLUMNS = "hold_id, scope_key, window_start, amount_nano_usd, expires_at";

  /** 0 when the id exists; the inserted row is this transaction's until it ends. */
  @Insert(
      "INSERT INTO ${schema}.budget_holds (hold_id, amount_nano_usd, expires_at)"
          + " VALUES (#{holdId}, #{amountNanoUsd}, #{expiresAt}) ON CONFLICT (hold_id) DO NOTHING")
  int insertHold(HoldRow row);

  @Select(
      "SELECT hold_id, amount_nano_usd, expires_at FROM ${schema}.budget_holds"
          + " WHERE hold_id = #{holdId} FOR UPDATE")
  HoldRow lockHold(@Param("holdId") String holdId);

  /** Ids of holds starting with {@code prefix} (starts_with: no LIKE wildcards to escape). */
  @Select(
      "SELECT hold_id FROM ${schema}.budget_holds WHERE starts_with(hold_id, #{prefix})"
          + " ORDER BY hold_id LIMIT #{limit}")
  List<String> holdsWithPrefix(@Param("prefix") String prefix, @Param("limit") int limit);

  @Update(
      "UPDATE ${schema}.budget_holds SET amount_nano_usd = #{amountNanoUsd},"
          + " expires_at = #{expiresAt} WHERE hold_id = #{holdId}")
  int updateHold(HoldRow row);

  @Delete("DELETE FROM ${schema}.budget_holds WHERE hold_id = #{holdId}")
  int deleteHold(@Param("holdId") String holdId);

  @Select(
      "SELECT DISTINCT scope_key, window_start FROM ${schema}.budget_hold_parts"
          + " WHERE hold_id = #{holdId}")
  List<AccountKey> partAccounts(@Param("holdId") String holdId);

  @Insert(
      "<script>INSERT INTO ${schema}.budget_hold_parts (" + PART_COLUMNS + ") VALUES"
          + "<foreach item='p' collection='parts' separator=','>(#{p.holdId}, #{p.scopeKey},"
          + " #{p.windowStart}, #{p.amountNanoUsd}, #{p.expiresAt})</foreach></script>")
  int insertParts(@Param("parts") List<PartRow> parts);

  /**
   * Drops the parts of locked accounts that expired by {@code now}, and every part of
   * {@code holdId} on them (null: none), returning what it dropped.
   */
  default List<PartRow> dropParts(List<AccountKey> accounts, Instant now, String holdId) {
    return dropPartsAmong(BudgetMapper.scopeKeys(accounts), BudgetMapper.windowStarts(accounts),
        now, holdId);
  }

  @Select(
      "<script>DELETE FROM ${schema}.budget_hold_parts WHERE (scope_key, window_start) IN "
          + BudgetMapper.ACCOUNT_KEYS + " AND (expires_at &lt;= #{now}"
          + "<if test='holdId != null'> OR hold_id = #{holdId}</if>) RETURNING " + PART_COLUMNS
          + "</script>")
  List<PartRow> dropPartsAmong(
      @Param("k") String[] scopeKeys,
      @Param("w") String[] windowStarts,
      @Param("now") Instant now,
      @Param("holdId") String holdId);

  /** Drops every part of these holds (their accounts are locked), returning what it dropped. */
  default List<PartRow> dropHoldParts(List<String> holdIds) {
    return dropHoldPartsAmong(holdIds.toArray(String[]::new));
  }

  @Select("DELETE FROM ${schema}.budget_hold_parts WHERE hold_id = ANY(#{holdIds}) RETURNING "
      + PART_COLUMNS)
  List<PartRow> dropHoldPartsAmong(@Param("holdIds") String[] holdIds);

  @Delete(
      "DELETE FROM ${schema}.budget_holds WHERE hold_id IN (SELECT hold_id"
          + " FROM ${schema}.budget_holds WHERE expires_at <= #{now} LIMIT #{limit}"
          + " FOR UPDATE SKIP LOCKED)")
  int dropExpiredHolds(@Param("now") Instant now, @Param("limit") int limit);

  /** Which of these holds were settled before. */
  default List<String> settledAmong(List<String> ids) {
    return settledAmongIds(ids.toArray(String[]::new));
  }

  /**
   * Each id looked up on its own through the primary key (the LIMIT keeps the planner from folding
   * the lookups into one join): with {@code = ANY} and the statistics of a table that grew since
   * they were taken, the planner scanned the whole table per batch, which made a backlog's drain
   * quadratic ({@code LedgerIngest}: 5-8 ms per batch of 500 at 35,000 settlements).
   */
  @Select(
      "SELECT s.hold_id FROM unnest(#{ids}::text[]) AS i(id) CROSS JOIN LATERAL"
          + " (SELECT hold_id FROM ${schema}.budget_settlements WHERE hold_id = i.id LIMIT 1) AS s")
  List<String> settledAmongIds(@Param("ids") String[] ids);

  /**
   * Claims the settlements of journal postings with their results ({@link PostingResults}), in
   * the order given, as one statement whatever the batch size (see {@link PgArrays}); returns the
   * ids it claimed (the others were settled before). A batch none of which was settled before is
   * copied in instead ({@link BatchSettlement}).
   */
  @Select(
      "INSERT INTO ${schema}.budget_settlements (hold_id, settled_at, posted_nano_usd, posted_on)"
          + " SELECT id, #{settledAt}, cost, posted_on"
          + " FROM unnest(#{ids}, #{costs}, #{postedOn}) WITH ORDINALITY AS t(id, cost, posted_on, n)"
          + " ORDER BY n ON CONFLICT (hold_id) DO NOTHING RETURNING hold_id")
  List<String> claimPostings(@Param("ids") String[] ids, @Param("costs") long[] costs,
      @Param("postedOn") String[] postedOn, @Param("settledAt") Instant settledAt);

  /** Rewrites the results of postings this transaction claimed (see {@link #claimPostings}). */
  @Update(
      "UPDATE ${schema}.budget_settlements s SET posted_on = t.posted_on"
          + " FROM unnest(#{ids}, #{postedOn}) AS t(id, posted_on) WHERE s.hold_id = t.id")
  int rewritePostings(@Param("ids") String[] ids, @Param("postedOn") String[] postedOn);

  /** A claim's posting columns: both null for a settlement whose results have rows of their own. */
  record PostingRow(Long postedNanoUsd, String postedOn) {}

  @Select("SELECT posted_nano_usd, posted_on FROM ${schema}.budget_settlements"
      + " WHERE hold_id = #{holdId}")
  PostingRow posting(@Param("holdId") String holdId);

  /**
   * Which of these ids have a hold or a part of one. None, without a probe per id, when no hold or
   * part has an id within the batch's range: in lease mode these tables hold only the replicas'
   * leases ({@code lease:…}), which sort outside every range of request holds ({@code req:…}), and
   * the probes per id were a fifth of the database's time per posted batch (pg_stat_statements
   * under load: 6 of 30 µs per entry). A hold for an entry being posted was committed before the
   * entry was written to the journal, so the check cannot miss it.
   */
  default List<String> heldAmong(Collection<String> ids) {
    String[] array = ids.toArray(String[]::new);
    return array.length > 0 && anyHoldWithin(array) ? heldAmongIds(array) : List.of();
  }

  /**
   * Whether any hold or part has an id between the least and the greatest of {@code ids}, in the
   * columns' {@code "C"} order: the first id from the least on, through each primary key (an index
   * scan whatever the planner's estimates, so rows deleted and not yet vacuumed are skipped as the
   * index marks them dead, not scanned again every batch).
   */
  @Select(
      "WITH r AS (SELECT min(i COLLATE \"C\") AS lo, max(i COLLATE \"C\") AS hi"
          + " FROM unnest(#{ids}::text[]) AS i)"
          + " SELECT coalesce((SELECT hold_id FROM ${schema}.budget_holds WHERE hold_id >= r.lo"
          + " ORDER BY hold_id LIMIT 1) <= r.hi, false)"
          + " OR coalesce((SELECT hold_id FROM ${schema}.budget_hold_parts WHERE hold_id >= r.lo"
          + " ORDER BY hold_id LIMIT 1) <= r.hi, false) FROM r")
  boolean anyHoldWithin(@Param("ids") String[] ids);

  /** Per id through the primary keys, as {@link #settledAmongIds} and for the same reason. */
  @Select(
      "SELECT i.id FROM unnest(#{ids}::text[]) AS i(id) CROSS JOIN LATERAL"
          + " (SELECT 1 FROM ${schema}.budget_holds WHERE hold_id = i.id UNION ALL"
          + " SELECT 1 FROM ${schema}.budget_hold_parts WHERE hold_id = i.id LIMIT 1) AS h")
  List<String> heldAmongIds(@Param("ids") String[] ids);

  /** 0 when the hold was settled before: the caller answers the remembered settlement. */
  @Insert(
      "INSERT INTO ${schema}.budget_settlements (hold_id, settled_at)"
          + " VALUES (#{holdId}, #{settledAt}) ON CONFLICT (hold_id) DO NOTHING")
  int claimSettlement(@Param("holdId") String holdId, @Param("settledAt") Instant settledAt);

  /** The columns of settlement results to insert, one array each. */
  record ResultColumns(
      String[] holdId,
      int[] position,
      String[] scopeKey,
      long[] postedNanoUsd,
      long[] releasedNanoUsd,
      long[] overageNanoUsd,
      boolean[] holdWasMissing,
      boolean[] crossedSoftLimit) {

    static ResultColumns of(List<ResultRow> rows) {
      return new ResultColumns(
          PgArrays.texts(rows, ResultRow::holdId),
          PgArrays.ints(rows, ResultRow::position),
          PgArrays.texts(rows, ResultRow::scopeKey),
          PgArrays.longs(rows, ResultRow::postedNanoUsd),
          PgArrays.longs(rows, ResultRow::releasedNanoUsd),
          PgArrays.longs(rows, ResultRow::overageNanoUsd),
          PgArrays.booleans(rows, ResultRow::holdWasMissing),
          PgArrays.booleans(rows, ResultRow::crossedSoftLimit));
    }
  }

  default int insertResults(List<ResultRow> results) {
    return insertResultColumns(ResultColumns.of(results));
  }

  @Insert(
      "INSERT INTO ${schema}.budget_settlement_results (hold_id, position, scope_key,"
          + " posted_nano_usd, released_nano_usd, overage_nano_usd, hold_was_missing,"
          + " crossed_soft_limit) SELECT * FROM unnest(#{c.holdId}, #{c.position}, #{c.scopeKey},"
          + " #{c.postedNanoUsd}, #{c.releasedNanoUsd}, #{c.overageNanoUsd}, #{c.holdWasMissing},"
          + " #{c.crossedSoftLimit})")
  int insertResultColumns(@Param("c") ResultColumns columns);

  @Select(
      "SELECT hold_id, position, scope_key, posted_nano_usd, released_nano_usd,"
          + " overage_nano_usd, hold_was_missing, crossed_soft_limit"
          + " FROM ${schema}.budget_settlement_results WHERE hold_id = #{holdId} ORDER BY position")
  List<ResultRow> results(@Param("holdId") String holdId);

  /**
   * Forgets at most {@code limit} settlements from before {@code before} and their results (no
   * foreign key cascades since V27: one statement does both); how many settlements.
   */
  @Select(
      "WITH gone AS (DELETE FROM ${schema}.budget_settlements WHERE hold_id IN (SELECT hold_id"
          + " FROM ${schema}.budget_settlements WHERE settled_at < #{before} LIMIT #{limit}"
          + " FOR UPDATE SKIP LOCKED) RETURNING hold_id),"
          + " results AS (DELETE FROM ${schema}.budget_settlement_results"
          + " WHERE hold_id IN (SELECT hold_id FROM gone))"
          + " SELECT count(*)::integer FROM gone")
  int forgetSettlements(@Param("before") Instant before, @Param("limit") int limit);
}
