package dev.tollgate.adapter.postgres;

import static dev.tollgate.adapter.postgres.LedgerMapper.GROUP_OF_DAILY;
import static dev.tollgate.adapter.postgres.LedgerMapper.GROUP_OF_ENTRY;
import static dev.tollgate.adapter.postgres.LedgerMapper.NARROW_F;
import static dev.tollgate.adapter.postgres.LedgerMapper.NARROW_RAW_F;

import dev.tollgate.adapter.postgres.LedgerMapper.Filter;
import dev.tollgate.domain.ledger.SpendTotal;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.usage.TokenUsage;
import java.util.List;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** SQL of the spend series: days × groups in one statement over the rollup and raw rows. */
interface LedgerSeriesMapper {

  /**
   * A listed group's total over the range (no day; one member), or the unlisted groups' sum (no
   * day, no group; as many members as groups), or one day's cell of a top group, or of the rest
   * of that day (no group; no members).
   */
  record SeriesRow(
      String day,
      String grp,
      long members,
      long requests,
      long costNanoUsd,
      long inputTokens,
      long cachedInputTokens,
      long cacheWriteInputTokens,
      long outputTokens,
      long reasoningTokens,
      long cacheWrite1hInputTokens,
      long audioMs) {

    SpendTotal total() {
      return new SpendTotal(requests, Money.ofNanoUsd(costNanoUsd), new TokenUsage(inputTokens,
          cachedInputTokens, cacheWriteInputTokens, outputTokens, reasoningTokens,
          cacheWrite1hInputTokens, audioMs));
    }
  }

  String SUMS = "sum(n) AS n, sum(cost) AS cost, sum(i) AS i, sum(ci) AS ci, sum(cw) AS cw,"
      + " sum(o) AS o, sum(r) AS r, sum(cw1) AS cw1, sum(am) AS am";

  String OUT = "n::bigint AS requests, cost::bigint AS cost_nano_usd, i::bigint AS input_tokens,"
      + " ci::bigint AS cached_input_tokens, cw::bigint AS cache_write_input_tokens,"
      + " o::bigint AS output_tokens, r::bigint AS reasoning_tokens,"
      + " cw1::bigint AS cache_write_1h_input_tokens, am::bigint AS audio_ms";

  String RAW = " UNION ALL SELECT " + GROUP_OF_ENTRY + ", (started_at AT TIME ZONE 'UTC')::date,"
      + " 1, cost_nano_usd, input_tokens, cached_input_tokens, cache_write_input_tokens,"
      + " output_tokens, reasoning_tokens, cache_write_1h_input_tokens, audio_ms"
      + " FROM ${schema}.ledger_entries WHERE started_at >= ";

  /**
   * The rows {@code LedgerMapper#breakdown} reads (rollup for whole days, raw entries for the
   * partial ones), summed per (day, group) once; then every group's total over the range, ranked
   * by cost (ties by group), and per day the cells of the {@code top} ranked groups with the rest
   * summed as one cell without a group. Only the {@code rows} costliest groups' totals are listed,
   * the others leave as one summed row with their count: at most rows + 1 totals and
   * days × (top + 1) cells leave the database however many groups spend.
   */
  @Select("<script>WITH t AS ("
      + "SELECT ''::text COLLATE \"C\" AS g, NULL::date AS d, 0::bigint AS n, 0::bigint AS cost,"
      + " 0::bigint AS i, 0::bigint AS ci, 0::bigint AS cw, 0::bigint AS o, 0::bigint AS r,"
      + " 0::bigint AS cw1, 0::bigint AS am WHERE false"
      + "<if test='f.fullFrom != null'> UNION ALL SELECT " + GROUP_OF_DAILY + ", day, requests,"
      + " cost_nano_usd, input_tokens, cached_input_tokens, cache_write_input_tokens,"
      + " output_tokens, reasoning_tokens, cache_write_1h_input_tokens, audio_ms"
      + " FROM ${schema}.ledger_daily"
      + " WHERE day >= #{f.fullFrom} AND day &lt; #{f.fullTo}" + NARROW_F + "</if>"
      + "<if test='f.headFrom != null'>" + RAW + "#{f.headFrom} AND started_at &lt; #{f.headTo}"
      + NARROW_RAW_F + "</if>"
      + "<if test='f.tailFrom != null'>" + RAW + "#{f.tailFrom} AND started_at &lt; #{f.tailTo}"
      + NARROW_RAW_F + "</if>),"
      + " c AS (SELECT d, g, " + SUMS + " FROM t GROUP BY d, g),"
      + " gt AS (SELECT g, " + SUMS + ", row_number() OVER (ORDER BY sum(cost) DESC, g) AS rk"
      + " FROM c GROUP BY g)"
      + " SELECT NULL::text AS day, g AS grp, 1::bigint AS members, " + OUT + " FROM gt"
      + " WHERE rk &lt;= #{rows}"
      + " UNION ALL SELECT NULL::text, NULL::text, members, " + OUT + " FROM (SELECT"
      + " count(*)::bigint AS members, " + SUMS + " FROM gt WHERE rk > #{rows}) AS rest"
      + " WHERE members > 0"
      + " UNION ALL SELECT to_char(d, 'YYYY-MM-DD'), grp, 0::bigint, " + OUT + " FROM ("
      + "SELECT d, grp, " + SUMS + " FROM (SELECT c.d, CASE WHEN gt.rk &lt;= #{top} THEN c.g END"
      + " AS grp, c.n, c.cost, c.i, c.ci, c.cw, c.o, c.r, c.cw1, c.am FROM c JOIN gt ON gt.g = c.g) AS x"
      + " GROUP BY d, grp) AS y</script>")
  List<SeriesRow> series(@Param("f") Filter filter, @Param("by") String by, @Param("top") int top,
      @Param("rows") int rows);
}
