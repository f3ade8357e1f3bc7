package dev.tollgate.adapter.postgres;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** SQL of budgets and their accounts (one per budget per period window). */
interface BudgetMapper {

  /** A row of {@code budgets}; period is lifetime, daily, weekly, monthly or every_days. */
  record BudgetRow(
      String scopeKey,
      long limitNanoUsd,
      Long softLimitNanoUsd,
      String period,
      Integer periodDays,
      LocalDate periodAnchor) {}

  /** Which account: a budget's scope and the start of one of its windows. */
  record AccountKey(String scopeKey, Instant windowStart) {}

  /** An account's totals; {@code held} is what its hold parts add up to. */
  record AccountRow(String scopeKey, Instant windowStart, long postedNanoUsd, long heldNanoUsd) {}

  /** What one transaction changes on one account. */
  record AccountDelta(String scopeKey, Instant windowStart, long heldDelta, long postedDelta) {}

  String BUDGET_COLUMNS =
      "scope_key, limit_nano_usd, soft_limit_nano_usd, period, period_days, period_anchor";

  String ACCOUNT_KEYS =
      "<foreach item='a' collection='accounts' open='(' separator=',' close=')'>"
          + "(#{a.scopeKey}, #{a.windowStart})</foreach>";

  @Insert(
      "INSERT INTO ${schema}.budgets (" + BUDGET_COLUMNS + ") VALUES (#{scopeKey},"
          + " #{limitNanoUsd}, #{softLimitNanoUsd}, #{period}, #{periodDays}, #{periodAnchor})"
          + " ON CONFLICT (scope_key) DO UPDATE SET limit_nano_usd = EXCLUDED.limit_nano_usd,"
          + " soft_limit_nano_usd = EXCLUDED.soft_limit_nano_usd, period = EXCLUDED.period,"
          + " period_days = EXCLUDED.period_days, period_anchor = EXCLUDED.period_anchor")
  int putBudget(BudgetRow row);

  @Delete("DELETE FROM ${schema}.budgets WHERE scope_key = #{scopeKey}")
  int removeBudget(@Param("scopeKey") String scopeKey);

  @Select(
      "<script>SELECT " + BUDGET_COLUMNS + " FROM ${schema}.budgets WHERE scope_key IN"
          + "<foreach item='k' collection='keys' open='(' separator=',' close=')'>#{k}</foreach>"
          + "</script>")
  List<BudgetRow> budgets(@Param("keys") List<String> keys);

  /** Creates missing accounts, in the order given (the lock order): never waits on a lock held. */
  @Insert(
      "<script>INSERT INTO ${schema}.budget_accounts (scope_key, window_start) VALUES"
          + "<foreach item='a' collection='accounts' separator=','>"
          + "(#{a.scopeKey}, #{a.windowStart})</foreach> ON CONFLICT DO NOTHING</script>")
  int ensureAccounts(@Param("accounts") List<AccountKey> accounts);

  /** Locks the accounts in the one global order: scope key, then window start. */
  @Select(
      "<script>SELECT scope_key, window_start, posted_nano_usd, held_nano_usd"
          + " FROM ${schema}.budget_accounts WHERE (scope_key, window_start) IN " + ACCOUNT_KEYS
          + " ORDER BY scope_key, window_start FOR NO KEY UPDATE</script>")
  List<AccountRow> lockAccounts(@Param("accounts") List<AccountKey> accounts);

  /** Accounts as of {@code now}, without locks: parts expired by then no longer count as held. */
  @Select(
      "<script>SELECT a.scope_key, a.window_start, a.posted_nano_usd, a.held_nano_usd"
          + " - COALESCE((SELECT sum(p.amount_nano_usd) FROM ${schema}.budget_hold_parts p"
          + " WHERE p.scope_key = a.scope_key AND p.window_start = a.window_start"
          + " AND p.expires_at &lt;= #{now}), 0)::bigint AS held_nano_usd"
          + " FROM ${schema}.budget_accounts a WHERE (a.scope_key, a.window_start) IN "
          + ACCOUNT_KEYS + "</script>")
  List<AccountRow> accountsAt(
      @Param("accounts") List<AccountKey> accounts, @Param("now") Instant now);

  @Update(
      "<script>UPDATE ${schema}.budget_accounts a"
          + " SET held_nano_usd = a.held_nano_usd + d.held,"
          + " posted_nano_usd = a.posted_nano_usd + d.posted FROM (VALUES"
          + "<foreach item='d' collection='deltas' separator=','>(#{d.scopeKey},"
          + " #{d.windowStart}::timestamptz, #{d.heldDelta}::bigint, #{d.postedDelta}::bigint)"
          + "</foreach>) AS d (scope_key, window_start, held, posted)"
          + " WHERE a.scope_key = d.scope_key AND a.window_start = d.window_start</script>")
  int adjustAccounts(@Param("deltas") List<AccountDelta> deltas);

  /** The sweep: accounts with expired parts that nobody else is working on, locked in order. */
  @Select(
      "SELECT scope_key, window_start FROM ${schema}.budget_accounts"
          + " WHERE (scope_key, window_start) IN (SELECT DISTINCT scope_key, window_start"
          + " FROM ${schema}.budget_hold_parts WHERE expires_at <= #{now} LIMIT #{limit})"
          + " ORDER BY scope_key, window_start FOR NO KEY UPDATE SKIP LOCKED")
  List<AccountKey> lockAccountsWithExpiredParts(
      @Param("now") Instant now, @Param("limit") int limit);
}
