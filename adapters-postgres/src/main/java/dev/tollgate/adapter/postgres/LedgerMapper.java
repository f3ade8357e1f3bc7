package dev.tollgate.adapter.postgres;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.ResultMap;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** SQL of the spend ledger, its request-id claims, its daily rollup and its partitions. */
interface LedgerMapper {

  /**
   * A row of {@code ledger_entries}; source is a UsageSource name; tags are joined by commas ("" for
   * none: a tag has no comma), as they are staged and as they are read back.
   */
  record EntryRow(
      String requestId,
      String tenantId,
      String teamId,
      String keyId,
      String model,
      String endUser,
      long inputTokens,
      long cachedInputTokens,
      long cacheWriteInputTokens,
      long outputTokens,
      long reasoningTokens,
      String source,
      long costNanoUsd,
      Instant priceEffectiveFrom,
      Instant startedAt,
      Instant recordedAt,
      boolean overage,
      long cacheWrite1hInputTokens,
      String session,
      String tags,
      long audioMs) {}


  /** A query's total. */
  record TotalRow(
      long requests,
      long costNanoUsd,
      long inputTokens,
      long cachedInputTokens,
      long cacheWriteInputTokens,
      long outputTokens,
      long reasoningTokens,
      long cacheWrite1hInputTokens,
      long audioMs) {}

  /**
   * Which entries to read or sum. Totals read whole UTC days [fullFrom, fullTo) from the rollup and
   * the partial days around them, [headFrom, headTo) and [tailFrom, tailTo), from raw rows; a null
   * bound leaves that part out.
   */
  record Filter(
      String tenant,
      String team,
      String key,
      String model,
      String endUser,
      String session,
      String tag,
      LocalDate fullFrom,
      LocalDate fullTo,
      Instant headFrom,
      Instant headTo,
      Instant tailFrom,
      Instant tailTo,
      int offset,
      int limit) {}

  String COLUMNS =
      "request_id, tenant_id, team_id, key_id, model, end_user, input_tokens,"
          + " cached_input_tokens, cache_write_input_tokens, output_tokens, reasoning_tokens,"
          + " source, cost_nano_usd, price_effective_from, started_at, recorded_at, overage,"
          + " cache_write_1h_input_tokens, session, audio_ms";

  /** {@link #COLUMNS} as read back into an {@link EntryRow}: the tags joined. */
  String ENTRY_COLUMNS = COLUMNS + ", array_to_string(tags, ',') AS tags";

  String NARROW =
      "<if test='tenant != null'> AND tenant_id = #{tenant}</if>"
          + "<if test='team != null'> AND team_id = #{team}</if>"
          + "<if test='key != null'> AND key_id = #{key}</if>"
          + "<if test='model != null'> AND model = #{model}</if>";

  /**
   * {@link #NARROW} and the filters only raw rows carry (the rollup has no end user, no session,
   * no tags); a tag is looked up through the GIN index on {@code tags}.
   */
  String NARROW_RAW =
      NARROW + "<if test='endUser != null'> AND end_user = #{endUser}</if>"
          + "<if test='session != null'> AND session = #{session}</if>"
          + "<if test='tag != null'> AND tags @> ARRAY[#{tag}]::text[]</if>";

  String RAW_SUMS =
      " UNION ALL SELECT 1, cost_nano_usd, input_tokens, cached_input_tokens,"
          + " cache_write_input_tokens, output_tokens, reasoning_tokens, cache_write_1h_input_tokens,"
          + " audio_ms FROM ${schema}.ledger_entries WHERE started_at >= ";

  /**
   * The session's staging table for a batch's entries (see {@link LedgerStaging}): temporary, so
   * each connection has its own and it is never logged; emptied at every commit. Created once per
   * connection, so it has the columns of this version's ledger. Text is in the "C" collation, as
   * in the ledger: the rollup's groups and their order are the primary key's.
   */
  @Update(
      "CREATE TEMP TABLE IF NOT EXISTS " + LedgerStaging.TABLE + " (n integer,"
          + " request_id text COLLATE \"C\", tenant_id text COLLATE \"C\","
          + " team_id text COLLATE \"C\", key_id text COLLATE \"C\", model text COLLATE \"C\","
          + " end_user text COLLATE \"C\", input_tokens bigint, cached_input_tokens bigint,"
          + " cache_write_input_tokens bigint, output_tokens bigint, reasoning_tokens bigint,"
          + " source text, cost_nano_usd bigint, price_effective_from timestamptz,"
          + " started_at timestamptz, recorded_at timestamptz, overage boolean,"
          + " cache_write_1h_input_tokens bigint, session text, audio_ms bigint, tags text)"
          + " ON COMMIT DELETE ROWS")
  void createStaging();

  /** The staged columns, in {@link LedgerStaging}'s order. */
  String STAGED = "n, " + COLUMNS + ", tags";

  /** The claim of the staged ids in their order, up to what follows the insert (its conflict, what it returns). */
  String CLAIM_STAGED_IDS =
      "WITH claimed AS (INSERT INTO ${schema}.ledger_request_ids (request_id, started_at)"
          + " SELECT request_id, started_at FROM " + LedgerStaging.TABLE + " ORDER BY n";

  /** The insert of the entries up to the table they are read from; tags split on their commas. */
  String INSERT_ENTRIES_FROM =
      " entries AS (INSERT INTO ${schema}.ledger_entries (" + COLUMNS + ", tags)"
          + " SELECT " + COLUMNS + ", string_to_array(tags, ',') FROM ";

  /** The rollup's insert up to the table its rows are summed from ({@link #DAILY_GROUPED} after it). */
  String DAILY_FROM =
      " (day, tenant_id, team_id, key_id, model,"
          + " requests, cost_nano_usd, input_tokens, cached_input_tokens,"
          + " cache_write_input_tokens, output_tokens, reasoning_tokens, cache_write_1h_input_tokens,"
          + " audio_ms)"
          + " SELECT (started_at AT TIME ZONE 'UTC')::date, tenant_id, coalesce(team_id, ''),"
          + " key_id, model, count(*), sum(cost_nano_usd)::bigint, sum(input_tokens)::bigint,"
          + " sum(cached_input_tokens)::bigint, sum(cache_write_input_tokens)::bigint,"
          + " sum(output_tokens)::bigint, sum(reasoning_tokens)::bigint,"
          + " sum(cache_write_1h_input_tokens)::bigint, sum(audio_ms)::bigint FROM ";

  /** Each rollup row inserted, or added to the row of its group. */
  String DAILY_ADDED =
      " ON CONFLICT (tenant_id, day, team_id, key_id, model) DO UPDATE SET"
          + " requests = ledger_daily.requests + EXCLUDED.requests,"
          + " cost_nano_usd = ledger_daily.cost_nano_usd + EXCLUDED.cost_nano_usd,"
          + " input_tokens = ledger_daily.input_tokens + EXCLUDED.input_tokens,"
          + " cached_input_tokens = ledger_daily.cached_input_tokens"
          + " + EXCLUDED.cached_input_tokens,"
          + " cache_write_input_tokens = ledger_daily.cache_write_input_tokens"
          + " + EXCLUDED.cache_write_input_tokens,"
          + " output_tokens = ledger_daily.output_tokens + EXCLUDED.output_tokens,"
          + " reasoning_tokens = ledger_daily.reasoning_tokens + EXCLUDED.reasoning_tokens,"
          + " cache_write_1h_input_tokens = ledger_daily.cache_write_1h_input_tokens"
          + " + EXCLUDED.cache_write_1h_input_tokens,"
          + " audio_ms = ledger_daily.audio_ms + EXCLUDED.audio_ms";

  /**
   * The rollup's groups, in the primary key's order (concurrent batches lock them in one order),
   * each added to its row.
   */
  String DAILY_GROUPED = " GROUP BY 1, 2, 3, 4, 5 ORDER BY 2, 1, 3, 4, 5" + DAILY_ADDED;

  /**
   * The staged batch in one statement: claims the ids in the order staged (sorted, so concurrent
   * batches never wait on each other in a cycle), inserts the entries whose ids were claimed, adds
   * them to the daily rollup per (tenant, day, team, key, model), in that order, the primary
   * key's, and answers the ids claimed. Tags travel joined by commas ("" for none: a tag has no
   * comma) and are split here.
   */
  @Select(
      CLAIM_STAGED_IDS + " ON CONFLICT (request_id) DO NOTHING RETURNING request_id),"
          + " fresh AS MATERIALIZED (SELECT s.* FROM " + LedgerStaging.TABLE + " s"
          + " WHERE s.request_id IN (SELECT request_id FROM claimed)),"
          + INSERT_ENTRIES_FROM + "fresh ORDER BY n),"
          + " daily AS (INSERT INTO ${schema}.ledger_daily" + DAILY_FROM + "fresh" + DAILY_GROUPED + ")"
          + " SELECT request_id FROM claimed")
  List<String> appendStaged();

  /**
   * Adds a batch's sums ({@link DailySums}, a row per group) to the daily rollup: each group's day
   * from its first entry's start, as {@link #DAILY_FROM} computes it, and the groups in the
   * primary key's order ("C" collation), as {@link #DAILY_GROUPED} sorts them, so concurrent
   * batches lock rollup rows in one order.
   */
  @Insert(
      "INSERT INTO ${schema}.ledger_daily (day, tenant_id, team_id, key_id, model,"
          + " requests, cost_nano_usd, input_tokens, cached_input_tokens,"
          + " cache_write_input_tokens, output_tokens, reasoning_tokens, cache_write_1h_input_tokens,"
          + " audio_ms) SELECT (s::timestamptz AT TIME ZONE 'UTC')::date, t, tm, k, m,"
          + " n, c, i, ci, cw, o, r, cw1, am"
          + " FROM unnest(#{s}, #{t}, #{tm}, #{k}, #{m}, #{n}, #{c}, #{i}, #{ci}, #{cw}, #{o},"
          + " #{r}, #{cw1}, #{am}) AS u(s, t, tm, k, m, n, c, i, ci, cw, o, r, cw1, am)"
          + " ORDER BY t COLLATE \"C\", 1, tm COLLATE \"C\", k COLLATE \"C\", m COLLATE \"C\""
          + DAILY_ADDED)
  void addDaily(@Param("s") String[] firstStarts, @Param("t") String[] tenants,
      @Param("tm") String[] teams, @Param("k") String[] keys, @Param("m") String[] models,
      @Param("n") long[] requests, @Param("c") long[] costs, @Param("i") long[] inputs,
      @Param("ci") long[] cachedInputs, @Param("cw") long[] cacheWriteInputs,
      @Param("o") long[] outputs, @Param("r") long[] reasonings, @Param("cw1") long[] cacheWrite1hInputs,
      @Param("am") long[] audioMs);

  /** Recorded entries by request id, through the id's row to the right partition. */
  default List<EntryRow> recorded(List<String> ids) {
    return recordedAmong(ids.toArray(String[]::new));
  }

  /**
   * Each id looked up on its own through the two primary keys (the LIMIT keeps the planner from
   * folding the lookup into one join): with the statistics of tables filled seconds before, the
   * planner chose a scan of both whole tables per batch, 40 ms for 500 ids in
   * {@code LedgerIngest}'s replay. An id is claimed once, so the limit drops nothing.
   */
  @Select(
      "SELECT f.* FROM unnest(#{ids}::text[]) AS i(id) CROSS JOIN LATERAL ("
          + "SELECT e.request_id, e.tenant_id, e.team_id, e.key_id, e.model, e.end_user,"
          + " e.input_tokens, e.cached_input_tokens, e.cache_write_input_tokens, e.output_tokens,"
          + " e.reasoning_tokens, e.source, e.cost_nano_usd, e.price_effective_from, e.started_at,"
          + " e.recorded_at, e.overage, e.cache_write_1h_input_tokens, e.session,"
          + " array_to_string(e.tags, ',') AS tags, e.audio_ms FROM ${schema}.ledger_request_ids r"
          + " JOIN ${schema}.ledger_entries e"
          + " ON e.request_id = r.request_id AND e.started_at = r.started_at"
          + " WHERE r.request_id = i.id LIMIT 1) AS f")
  @ResultMap(RecordResultMaps.ENTRY_ROW)
  List<EntryRow> recordedAmong(@Param("ids") String[] ids);

  @Select(
      "<script>SELECT coalesce(sum(n), 0)::bigint AS requests,"
          + " coalesce(sum(cost), 0)::bigint AS cost_nano_usd,"
          + " coalesce(sum(i), 0)::bigint AS input_tokens,"
          + " coalesce(sum(ci), 0)::bigint AS cached_input_tokens,"
          + " coalesce(sum(cw), 0)::bigint AS cache_write_input_tokens,"
          + " coalesce(sum(o), 0)::bigint AS output_tokens,"
          + " coalesce(sum(r), 0)::bigint AS reasoning_tokens,"
          + " coalesce(sum(cw1), 0)::bigint AS cache_write_1h_input_tokens,"
          + " coalesce(sum(am), 0)::bigint AS audio_ms FROM ("
          + "SELECT 0::bigint AS n, 0::bigint AS cost, 0::bigint AS i, 0::bigint AS ci,"
          + " 0::bigint AS cw, 0::bigint AS o, 0::bigint AS r, 0::bigint AS cw1, 0::bigint AS am"
          + " WHERE false"
          + "<if test='fullFrom != null'> UNION ALL SELECT requests, cost_nano_usd, input_tokens,"
          + " cached_input_tokens, cache_write_input_tokens, output_tokens, reasoning_tokens,"
          + " cache_write_1h_input_tokens, audio_ms FROM ${schema}.ledger_daily"
          + " WHERE day >= #{fullFrom} AND day &lt; #{fullTo}"
          + NARROW + "</if>"
          + "<if test='headFrom != null'>" + RAW_SUMS + "#{headFrom} AND started_at &lt; #{headTo}"
          + NARROW_RAW + "</if>"
          + "<if test='tailFrom != null'>" + RAW_SUMS + "#{tailFrom} AND started_at &lt; #{tailTo}"
          + NARROW_RAW + "</if>) AS t</script>")
  TotalRow total(Filter filter);

  /** One group of a breakdown and its sums. */
  record GroupRow(
      String grp,
      long requests,
      long costNanoUsd,
      long inputTokens,
      long cachedInputTokens,
      long cacheWriteInputTokens,
      long outputTokens,
      long reasoningTokens,
      long cacheWrite1hInputTokens,
      long audioMs) {}

  /** {@link #NARROW} on the filter named {@code f}. */
  String NARROW_F =
      "<if test='f.tenant != null'> AND tenant_id = #{f.tenant}</if>"
          + "<if test='f.team != null'> AND team_id = #{f.team}</if>"
          + "<if test='f.key != null'> AND key_id = #{f.key}</if>"
          + "<if test='f.model != null'> AND model = #{f.model}</if>";

  String NARROW_RAW_F =
      NARROW_F + "<if test='f.endUser != null'> AND end_user = #{f.endUser}</if>"
          + "<if test='f.session != null'> AND session = #{f.session}</if>"
          + "<if test='f.tag != null'> AND tags @> ARRAY[#{f.tag}]::text[]</if>";

  /** The group of a rollup row, per SpendGrouping name; the rollup keeps '' for no team. */
  String GROUP_OF_DAILY =
      "(<choose><when test=\"by == 'DAY'\">to_char(day, 'YYYY-MM-DD')</when>"
          + "<when test=\"by == 'TENANT'\">tenant_id</when>"
          + "<when test=\"by == 'TEAM'\">team_id</when>"
          + "<when test=\"by == 'KEY'\">key_id</when>"
          + "<otherwise>model</otherwise></choose>) COLLATE \"C\"";

  /**
   * The group of a raw entry, exactly as SpendGrouping.groupsOf names it: by tag, a row per tag
   * (a set-returning unnest in the select list), '' for an entry without one.
   */
  String GROUP_OF_ENTRY =
      "(<choose><when test=\"by == 'DAY'\">"
          + "to_char((started_at AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD')</when>"
          + "<when test=\"by == 'TENANT'\">tenant_id</when>"
          + "<when test=\"by == 'TEAM'\">coalesce(team_id, '')</when>"
          + "<when test=\"by == 'KEY'\">key_id</when>"
          + "<when test=\"by == 'END_USER'\">coalesce(end_user, '')</when>"
          + "<when test=\"by == 'SESSION'\">coalesce(session, '')</when>"
          + "<when test=\"by == 'TAG'\">unnest(CASE WHEN tags = '{}' THEN ARRAY['']::text[]"
          + " ELSE tags END)</when>"
          + "<otherwise>model</otherwise></choose>) COLLATE \"C\"";

  String RAW_GROUP_SUMS =
      " UNION ALL SELECT " + GROUP_OF_ENTRY + ", 1, cost_nano_usd, input_tokens,"
          + " cached_input_tokens, cache_write_input_tokens, output_tokens, reasoning_tokens,"
          + " cache_write_1h_input_tokens, audio_ms FROM ${schema}.ledger_entries"
          + " WHERE started_at >= ";

  /**
   * {@link #total} split by {@code by} (a SpendGrouping name): the same rows, rollup for whole
   * days and raw entries for the partial ones, so the groups sum to the total exactly.
   */
  @Select(
      "<script>SELECT g AS grp, sum(n)::bigint AS requests, sum(cost)::bigint AS cost_nano_usd,"
          + " sum(i)::bigint AS input_tokens, sum(ci)::bigint AS cached_input_tokens,"
          + " sum(cw)::bigint AS cache_write_input_tokens, sum(o)::bigint AS output_tokens,"
          + " sum(r)::bigint AS reasoning_tokens,"
          + " sum(cw1)::bigint AS cache_write_1h_input_tokens, sum(am)::bigint AS audio_ms FROM ("
          + "SELECT ''::text COLLATE \"C\" AS g, 0::bigint AS n, 0::bigint AS cost,"
          + " 0::bigint AS i, 0::bigint AS ci, 0::bigint AS cw, 0::bigint AS o, 0::bigint AS r,"
          + " 0::bigint AS cw1, 0::bigint AS am WHERE false"
          + "<if test='f.fullFrom != null'> UNION ALL SELECT " + GROUP_OF_DAILY + ", requests,"
          + " cost_nano_usd, input_tokens, cached_input_tokens, cache_write_input_tokens,"
          + " output_tokens, reasoning_tokens, cache_write_1h_input_tokens, audio_ms"
          + " FROM ${schema}.ledger_daily"
          + " WHERE day >= #{f.fullFrom} AND day &lt; #{f.fullTo}" + NARROW_F + "</if>"
          + "<if test='f.headFrom != null'>" + RAW_GROUP_SUMS + "#{f.headFrom}"
          + " AND started_at &lt; #{f.headTo}" + NARROW_RAW_F + "</if>"
          + "<if test='f.tailFrom != null'>" + RAW_GROUP_SUMS + "#{f.tailFrom}"
          + " AND started_at &lt; #{f.tailTo}" + NARROW_RAW_F + "</if>) AS t GROUP BY g</script>")
  List<GroupRow> breakdown(@Param("f") Filter filter, @Param("by") String by);

  @Select(
      "<script>SELECT " + ENTRY_COLUMNS + " FROM ${schema}.ledger_entries"
          + " WHERE started_at >= #{headFrom} AND started_at &lt; #{headTo}" + NARROW_RAW
          + " ORDER BY started_at, request_id OFFSET #{offset} LIMIT #{limit}</script>")
  @ResultMap(RecordResultMaps.ENTRY_ROW)
  List<EntryRow> entries(Filter filter);

  @Select("SELECT ${schema}.ledger_ensure_month(#{month})")
  boolean ensureMonth(@Param("month") LocalDate month);

  @Select("SELECT ${schema}.ledger_ensure_months(#{firstMonth}, #{months})")
  int ensureMonths(@Param("firstMonth") LocalDate firstMonth, @Param("months") int months);

  @Select("SELECT ${schema}.ledger_drop_months_before(#{cutoff})")
  int dropMonthsBefore(@Param("cutoff") LocalDate cutoff);

  @Select("SELECT ${schema}.ledger_forget_request_ids_before(#{cutoff}, #{maxRows})")
  int forgetRequestIdsBefore(@Param("cutoff") Instant cutoff, @Param("maxRows") int maxRows);
}
