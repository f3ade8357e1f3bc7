package dev.tollgate.adapter.postgres;

import dev.tollgate.adapter.postgres.BudgetMapper.AccountKey;
import java.time.Instant;
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
  @Select(
      "<script>DELETE FROM ${schema}.budget_hold_parts WHERE (scope_key, window_start) IN "
          + BudgetMapper.ACCOUNT_KEYS + " AND (expires_at &lt;= #{now}"
          + "<if test='holdId != null'> OR hold_id = #{holdId}</if>) RETURNING " + PART_COLUMNS
          + "</script>")
  List<PartRow> dropParts(
      @Param("accounts") List<AccountKey> accounts,
      @Param("now") Instant now,
      @Param("holdId") String holdId);

  /** Drops every part of these holds (their accounts are locked), returning what it dropped. */
  @Select(
      "<script>DELETE FROM ${schema}.budget_hold_parts WHERE hold_id IN <foreach item='h'"
          + " collection='holdIds' open='(' separator=',' close=')'>#{h}</foreach> RETURNING "
          + PART_COLUMNS + "</script>")
  List<PartRow> dropHoldParts(@Param("holdIds") List<String> holdIds);

  @Delete(
      "DELETE FROM ${schema}.budget_holds WHERE hold_id IN (SELECT hold_id"
          + " FROM ${schema}.budget_holds WHERE expires_at <= #{now} LIMIT #{limit}"
          + " FOR UPDATE SKIP LOCKED)")
  int dropExpiredHolds(@Param("now") Instant now, @Param("limit") int limit);

  /** Which of these holds were settled before. */
  @Select(
      "<script>SELECT hold_id FROM ${schema}.budget_settlements WHERE hold_id IN"
          + "<foreach item='id' collection='ids' open='(' separator=',' close=')'>#{id}</foreach>"
          + "</script>")
  List<String> settledAmong(@Param("ids") List<String> ids);

  /** Claims the settlement of each hold not settled before; returns the ones it claimed. */
  @Select(
      "<script>INSERT INTO ${schema}.budget_settlements (hold_id, settled_at) VALUES"
          + "<foreach item='id' collection='ids' separator=','>(#{id}, #{settledAt})</foreach>"
          + " ON CONFLICT (hold_id) DO NOTHING RETURNING hold_id</script>")
  List<String> claimSettlements(@Param("ids") List<String> ids, @Param("settledAt") Instant settledAt);

  /** Which of these ids have a hold or a part of one. */
  @Select(
      "<script>SELECT hold_id FROM ${schema}.budget_holds WHERE hold_id IN"
          + "<foreach item='id' collection='ids' open='(' separator=',' close=')'>#{id}</foreach>"
          + " UNION SELECT hold_id FROM ${schema}.budget_hold_parts WHERE hold_id IN"
          + "<foreach item='id' collection='ids' open='(' separator=',' close=')'>#{id}</foreach>"
          + "</script>")
  List<String> heldAmong(@Param("ids") List<String> ids);

  /** 0 when the hold was settled before: the caller answers the remembered settlement. */
  @Insert(
      "INSERT INTO ${schema}.budget_settlements (hold_id, settled_at)"
          + " VALUES (#{holdId}, #{settledAt}) ON CONFLICT (hold_id) DO NOTHING")
  int claimSettlement(@Param("holdId") String holdId, @Param("settledAt") Instant settledAt);

  @Insert(
      "<script>INSERT INTO ${schema}.budget_settlement_results (hold_id, position, scope_key,"
          + " posted_nano_usd, released_nano_usd, overage_nano_usd, hold_was_missing,"
          + " crossed_soft_limit) VALUES <foreach item='r' collection='results' separator=','>"
          + "(#{r.holdId}, #{r.position}, #{r.scopeKey}, #{r.postedNanoUsd}, #{r.releasedNanoUsd},"
          + " #{r.overageNanoUsd}, #{r.holdWasMissing}, #{r.crossedSoftLimit})</foreach></script>")
  int insertResults(@Param("results") List<ResultRow> results);

  @Select(
      "SELECT hold_id, position, scope_key, posted_nano_usd, released_nano_usd,"
          + " overage_nano_usd, hold_was_missing, crossed_soft_limit"
          + " FROM ${schema}.budget_settlement_results WHERE hold_id = #{holdId} ORDER BY position")
  List<ResultRow> results(@Param("holdId") String holdId);

  @Delete(
      "DELETE FROM ${schema}.budget_settlements WHERE hold_id IN (SELECT hold_id"
          + " FROM ${schema}.budget_settlements WHERE settled_at < #{before} LIMIT #{limit}"
          + " FOR UPDATE SKIP LOCKED)")
  int forgetSettlements(@Param("before") Instant before, @Param("limit") int limit);
}
