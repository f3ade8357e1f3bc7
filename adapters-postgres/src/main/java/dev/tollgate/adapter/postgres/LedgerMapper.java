package dev.tollgate.adapter.postgres;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.ResultMap;
import org.apache.ibatis.annotations.Select;

/** SQL of the spend ledger, its request-id claims, its daily rollup and its partitions. */
interface LedgerMapper {

  /**
   * A row of {@code ledger_entries}; source is a UsageSource name; tags are joined by commas ("" for
   * none: a tag has no comma), so a batch's tags travel as one text array (a two-dimensional array
   * would not: unnest flattens it) and are split back in the insert.
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
      String tags) {}

  /** A query's total. */
  record TotalRow(
      long requests,
      long costNanoUsd,
      long inputTokens,
      long cachedInputTokens,
      long cacheWriteInputTokens,
      long outputTokens,
      long reasoningTokens,
      long cacheWrite1hInputTokens) {}

  /** A row of {@code ledger_daily}: the sums of one day's entries of one key and model. */
  record SumRow(
      LocalDate day,
      String tenantId,
      String teamId,
      String keyId,
      String model,
      long requests,
      long costNanoUsd,
      long inputTokens,
      long cachedInputTokens,
      long cacheWriteInputTokens,
      long outputTokens,
      long reasoningTokens,
      long cacheWrite1hInputTokens) {}

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
          + " cache_write_1h_input_tokens, session";

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
          + " cache_write_input_tokens, output_tokens, reasoning_tokens, cache_write_1h_input_tokens"
          + " FROM ${schema}.ledger_entries WHERE started_at >= ";

  /** Claims ids in the order given: sorted, so concurrent batches never wait in a cycle. */
  default List<String> claim(List<EntryRow> entries) {
    return claimIds(PgArrays.texts(entries, EntryRow::requestId),
        PgArrays.timestamps(entries, EntryRow::startedAt));
  }

  /** {@link #claim} as arrays: one statement text for every batch size (see {@link PgArrays}). */
  @Select(
      "INSERT INTO ${schema}.ledger_request_ids (request_id, started_at)"
          + " SELECT id, at::timestamptz FROM unnest(#{ids}, #{startedAt}) WITH ORDINALITY"
          + " AS t(id, at, n) ORDER BY n"
          + " ON CONFLICT (request_id) DO NOTHING RETURNING request_id")
  List<String> claimIds(@Param("ids") String[] ids, @Param("startedAt") String[] startedAt);

  /** The columns of entries to insert, one array each. */
  record EntryColumns(
      String[] requestId,
      String[] tenantId,
      String[] teamId,
      String[] keyId,
      String[] model,
      String[] endUser,
      long[] inputTokens,
      long[] cachedInputTokens,
      long[] cacheWriteInputTokens,
      long[] outputTokens,
      long[] reasoningTokens,
      String[] source,
      long[] costNanoUsd,
      String[] priceEffectiveFrom,
      String[] startedAt,
      String[] recordedAt,
      boolean[] overage,
      long[] cacheWrite1hInputTokens,
      String[] session,
      String[] tags) {

    static EntryColumns of(List<EntryRow> rows) {
      return new EntryColumns(
          PgArrays.texts(rows, EntryRow::requestId),
          PgArrays.texts(rows, EntryRow::tenantId),
          PgArrays.texts(rows, EntryRow::teamId),
          PgArrays.texts(rows, EntryRow::keyId),
          PgArrays.texts(rows, EntryRow::model),
          PgArrays.texts(rows, EntryRow::endUser),
          PgArrays.longs(rows, EntryRow::inputTokens),
          PgArrays.longs(rows, EntryRow::cachedInputTokens),
          PgArrays.longs(rows, EntryRow::cacheWriteInputTokens),
          PgArrays.longs(rows, EntryRow::outputTokens),
          PgArrays.longs(rows, EntryRow::reasoningTokens),
          PgArrays.texts(rows, EntryRow::source),
          PgArrays.longs(rows, EntryRow::costNanoUsd),
          PgArrays.timestamps(rows, EntryRow::priceEffectiveFrom),
          PgArrays.timestamps(rows, EntryRow::startedAt),
          PgArrays.timestamps(rows, EntryRow::recordedAt),
          PgArrays.booleans(rows, EntryRow::overage),
          PgArrays.longs(rows, EntryRow::cacheWrite1hInputTokens),
          PgArrays.texts(rows, EntryRow::session),
          PgArrays.texts(rows, EntryRow::tags));
    }
  }

  /** One insert of the whole batch; the caller bounds the batch. */
  default int insertEntries(List<EntryRow> entries) {
    return insertColumns(EntryColumns.of(entries));
  }

  @Insert(
      "INSERT INTO ${schema}.ledger_entries (" + COLUMNS + ", tags)"
          + " SELECT c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16, c17,"
          + " c18, c19, string_to_array(tg, ',') FROM unnest("
          + "#{c.requestId}, #{c.tenantId}, #{c.teamId}, #{c.keyId}, #{c.model}, #{c.endUser},"
          + " #{c.inputTokens}, #{c.cachedInputTokens}, #{c.cacheWriteInputTokens},"
          + " #{c.outputTokens}, #{c.reasoningTokens}, #{c.source}, #{c.costNanoUsd},"
          + " #{c.priceEffectiveFrom}::timestamptz[], #{c.startedAt}::timestamptz[],"
          + " #{c.recordedAt}::timestamptz[], #{c.overage}, #{c.cacheWrite1hInputTokens},"
          + " #{c.session}, #{c.tags}) AS u(c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13,"
          + " c14, c15, c16, c17, c18, c19, tg)")
  int insertColumns(@Param("c") EntryColumns columns);

  /** The rollup rows of a batch, one array per column. */
  record SumColumns(
      String[] day,
      String[] tenantId,
      String[] teamId,
      String[] keyId,
      String[] model,
      long[] requests,
      long[] costNanoUsd,
      long[] inputTokens,
      long[] cachedInputTokens,
      long[] cacheWriteInputTokens,
      long[] outputTokens,
      long[] reasoningTokens,
      long[] cacheWrite1hInputTokens) {

    static SumColumns of(List<SumRow> rows) {
      return new SumColumns(
          PgArrays.texts(rows, r -> r.day().toString()),
          PgArrays.texts(rows, SumRow::tenantId),
          PgArrays.texts(rows, SumRow::teamId),
          PgArrays.texts(rows, SumRow::keyId),
          PgArrays.texts(rows, SumRow::model),
          PgArrays.longs(rows, SumRow::requests),
          PgArrays.longs(rows, SumRow::costNanoUsd),
          PgArrays.longs(rows, SumRow::inputTokens),
          PgArrays.longs(rows, SumRow::cachedInputTokens),
          PgArrays.longs(rows, SumRow::cacheWriteInputTokens),
          PgArrays.longs(rows, SumRow::outputTokens),
          PgArrays.longs(rows, SumRow::reasoningTokens),
          PgArrays.longs(rows, SumRow::cacheWrite1hInputTokens));
    }
  }

  /** Adds a batch to the rollup; rows in the primary key's order (see LedgerRows#daily). */
  default int addDaily(List<SumRow> rows) {
    return addDailyColumns(SumColumns.of(rows));
  }

  /** ISO days (years 1..9999, as partitions require) cast to date; rows kept in the given order. */
  @Insert(
      "INSERT INTO ${schema}.ledger_daily (day, tenant_id, team_id, key_id, model,"
          + " requests, cost_nano_usd, input_tokens, cached_input_tokens,"
          + " cache_write_input_tokens, output_tokens, reasoning_tokens, cache_write_1h_input_tokens)"
          + " SELECT d::date, t, tm, k, m, n, c, i, ci, cw, o, r, cw1 FROM unnest(#{c.day},"
          + " #{c.tenantId}, #{c.teamId}, #{c.keyId}, #{c.model}, #{c.requests}, #{c.costNanoUsd},"
          + " #{c.inputTokens}, #{c.cachedInputTokens}, #{c.cacheWriteInputTokens},"
          + " #{c.outputTokens}, #{c.reasoningTokens}, #{c.cacheWrite1hInputTokens}) WITH ORDINALITY"
          + " AS u(d, t, tm, k, m, n, c, i, ci, cw, o, r, cw1, ord) ORDER BY ord"
          + " ON CONFLICT (tenant_id, day, team_id, key_id, model) DO UPDATE SET"
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
          + " + EXCLUDED.cache_write_1h_input_tokens")
  int addDailyColumns(@Param("c") SumColumns columns);

  /** Recorded entries by request id, through the id's row to the right partition. */
  default List<EntryRow> recorded(List<String> ids) {
    return recordedAmong(ids.toArray(String[]::new));
  }

  @Select(
      "SELECT e.request_id, e.tenant_id, e.team_id, e.key_id, e.model, e.end_user,"
          + " e.input_tokens, e.cached_input_tokens, e.cache_write_input_tokens, e.output_tokens,"
          + " e.reasoning_tokens, e.source, e.cost_nano_usd, e.price_effective_from, e.started_at,"
          + " e.recorded_at, e.overage, e.cache_write_1h_input_tokens, e.session,"
          + " array_to_string(e.tags, ',') AS tags FROM ${schema}.ledger_request_ids r"
          + " JOIN ${schema}.ledger_entries e"
          + " ON e.request_id = r.request_id AND e.started_at = r.started_at"
          + " WHERE r.request_id = ANY(#{ids})")
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
          + " coalesce(sum(cw1), 0)::bigint AS cache_write_1h_input_tokens FROM ("
          + "SELECT 0::bigint AS n, 0::bigint AS cost, 0::bigint AS i, 0::bigint AS ci,"
          + " 0::bigint AS cw, 0::bigint AS o, 0::bigint AS r, 0::bigint AS cw1 WHERE false"
          + "<if test='fullFrom != null'> UNION ALL SELECT requests, cost_nano_usd, input_tokens,"
          + " cached_input_tokens, cache_write_input_tokens, output_tokens, reasoning_tokens,"
          + " cache_write_1h_input_tokens FROM ${schema}.ledger_daily"
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
      long cacheWrite1hInputTokens) {}

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
          + " cache_write_1h_input_tokens FROM ${schema}.ledger_entries WHERE started_at >= ";

  /**
   * {@link #total} split by {@code by} (a SpendGrouping name): the same rows, rollup for whole
   * days and raw entries for the partial ones, so the groups sum to the total exactly.
   */
  @Select(
      "<script>SELECT g AS grp, sum(n)::bigint AS requests, sum(cost)::bigint AS cost_nano_usd,"
          + " sum(i)::bigint AS input_tokens, sum(ci)::bigint AS cached_input_tokens,"
          + " sum(cw)::bigint AS cache_write_input_tokens, sum(o)::bigint AS output_tokens,"
          + " sum(r)::bigint AS reasoning_tokens,"
          + " sum(cw1)::bigint AS cache_write_1h_input_tokens FROM ("
          + "SELECT ''::text COLLATE \"C\" AS g, 0::bigint AS n, 0::bigint AS cost,"
          + " 0::bigint AS i, 0::bigint AS ci, 0::bigint AS cw, 0::bigint AS o, 0::bigint AS r,"
          + " 0::bigint AS cw1 WHERE false"
          + "<if test='f.fullFrom != null'> UNION ALL SELECT " + GROUP_OF_DAILY + ", requests,"
          + " cost_nano_usd, input_tokens, cached_input_tokens, cache_write_input_tokens,"
          + " output_tokens, reasoning_tokens, cache_write_1h_input_tokens FROM ${schema}.ledger_daily"
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
