package dev.tollgate.adapter.postgres;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.ResultMap;
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

  /**
   * The accounts named by the arrays {@code k} (scope keys) and {@code w} (window starts as
   * {@code timestamptz} text, see {@link PgArrays}): one statement text whatever their number.
   */
  String ACCOUNT_KEYS =
      "(SELECT k, w::timestamptz FROM unnest(#{k}, #{w}) AS u(k, w))";

  /** The scope keys of these accounts, in their order. */
  static String[] scopeKeys(List<AccountKey> accounts) {
    return PgArrays.texts(accounts, AccountKey::scopeKey);
  }

  /** The window starts of these accounts, in their order, as {@code timestamptz} text. */
  static String[] windowStarts(List<AccountKey> accounts) {
    return PgArrays.timestamps(accounts, AccountKey::windowStart);
  }

  @Insert(
      "INSERT INTO ${schema}.budgets (" + BUDGET_COLUMNS + ") VALUES (#{scopeKey},"
          + " #{limitNanoUsd}, #{softLimitNanoUsd}, #{period}, #{periodDays}, #{periodAnchor})"
          + " ON CONFLICT (scope_key) DO UPDATE SET limit_nano_usd = EXCLUDED.limit_nano_usd,"
          + " soft_limit_nano_usd = EXCLUDED.soft_limit_nano_usd, period = EXCLUDED.period,"
          + " period_days = EXCLUDED.period_days, period_anchor = EXCLUDED.period_anchor")
  int putBudget(BudgetRow row);

  @Delete("DELETE FROM ${schema}.budgets WHERE scope_key = #{scopeKey}")
  int removeBudget(@Param("scopeKey") String scopeKey);

  default List<BudgetRow> budgets(List<String> keys) {
    return budgetsAmong(keys.toArray(String[]::new));
  }

  @Select("SELECT " + BUDGET_COLUMNS + " FROM ${schema}.budgets WHERE scope_key = ANY(#{keys})")
  @ResultMap(RecordResultMaps.BUDGET_ROW)
  List<BudgetRow> budgetsAmong(@Param("keys") String[] keys);

  /** Creates missing accounts, in the order given (the lock order): never waits on a lock held. */
  default int ensureAccounts(List<AccountKey> accounts) {
    return ensureAccountsAmong(scopeKeys(accounts), windowStarts(accounts));
  }

  @Insert(
      "INSERT INTO ${schema}.budget_accounts (scope_key, window_start)"
          + " SELECT k, w::timestamptz FROM unnest(#{k}, #{w}) WITH ORDINALITY AS u(k, w, n)"
          + " ORDER BY n ON CONFLICT DO NOTHING")
  int ensureAccountsAmong(@Param("k") String[] scopeKeys, @Param("w") String[] windowStarts);

  /** Locks the accounts in the one global order: scope key, then window start. */
  default List<AccountRow> lockAccounts(List<AccountKey> accounts) {
    return lockAccountsAmong(scopeKeys(accounts), windowStarts(accounts));
  }

  @Select(
      "SELECT scope_key, window_start, posted_nano_usd, held_nano_usd"
          + " FROM ${schema}.budget_accounts WHERE (scope_key, window_start) IN " + ACCOUNT_KEYS
          + " ORDER BY scope_key, window_start FOR NO KEY UPDATE")
  @ResultMap(RecordResultMaps.ACCOUNT_ROW)
  List<AccountRow> lockAccountsAmong(@Param("k") String[] scopeKeys, @Param("w") String[] windowStarts);

  /** Accounts as of {@code now}, without locks: parts expired by then no longer count as held. */
  default List<AccountRow> accountsAt(List<AccountKey> accounts, Instant now) {
    return accountsAmongAt(scopeKeys(accounts), windowStarts(accounts), now);
  }

  @Select(
      "SELECT a.scope_key, a.window_start, a.posted_nano_usd, a.held_nano_usd"
          + " - COALESCE((SELECT sum(p.amount_nano_usd) FROM ${schema}.budget_hold_parts p"
          + " WHERE p.scope_key = a.scope_key AND p.window_start = a.window_start"
          + " AND p.expires_at <= #{now}), 0)::bigint AS held_nano_usd"
          + " FROM ${schema}.budget_accounts a WHERE (a.scope_key, a.window_start) IN "
          + ACCOUNT_KEYS)
  List<AccountRow> accountsAmongAt(@Param("k") String[] scopeKeys, @Param("w") String[] windowStarts,
      @Param("now") Instant now);

  default int adjustAccounts(List<AccountDelta> deltas) {
    return adjustAccountsBy(PgArrays.texts(deltas, AccountDelta::scopeKey),
        PgArrays.timestamps(deltas, AccountDelta::windowStart),
        PgArrays.longs(deltas, AccountDelta::heldDelta), PgArrays.longs(deltas, AccountDelta::postedDelta));
  }

  @Update(
      "UPDATE ${schema}.budget_accounts a"
          + " SET held_nano_usd = a.held_nano_usd + d.held,"
          + " posted_nano_usd = a.posted_nano_usd + d.posted"
          + " FROM (SELECT k, w::timestamptz, h, p FROM unnest(#{k}, #{w}, #{h}, #{p}) AS u(k, w, h, p))"
          + " AS d (scope_key, window_start, held, posted)"
          + " WHERE a.scope_key = d.scope_key AND a.window_start = d.window_start")
  int adjustAccountsBy(@Param("k") String[] scopeKeys, @Param("w") String[] windowStarts,
      @Param("h") long[] heldDeltas, @Param("p") long[] postedDeltas);

  /** The sweep: accounts with expired parts that nobody else is working on, locked in order. */
  @Select(
      "SELECT scope_key, window_start FROM ${schema}.budget_accounts"
          + " WHERE (scope_key, window_start) IN (SELECT DISTINCT scope_key, window_start"
          + " FROM ${schema}.budget_hold_parts WHERE expires_at <= #{now} LIMIT #{limit})"
          + " ORDER BY scope_key, window_start FOR NO KEY UPDATE SKIP LOCKED")
  List<AccountKey> lockAccountsWithExpiredParts(
      @Param("now") Instant now, @Param("limit") int limit);
}
