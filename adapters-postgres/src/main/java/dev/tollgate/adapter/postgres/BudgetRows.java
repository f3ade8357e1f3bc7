package dev.tollgate.adapter.postgres;

import dev.tollgate.adapter.postgres.BudgetMapper.AccountKey;
import dev.tollgate.adapter.postgres.BudgetMapper.BudgetRow;
import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetPeriod;
import dev.tollgate.domain.budget.PeriodWindow;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.money.Money;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Budgets to rows and back, and the budgeted scopes of a request with their accounts. */
final class BudgetRows {

  /**
   * The lock order, the same as PostgreSQL's {@code ORDER BY scope_key, window_start} with
   * {@code COLLATE "C"}: scope keys by their UTF-8 bytes, then window start.
   */
  static final Comparator<AccountKey> LOCK_ORDER =
      Comparator.<AccountKey, byte[]>comparing(
              a -> a.scopeKey().getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned)
          .thenComparing(AccountKey::windowStart);

  /** A scope with a budget, and the account of the window an instant falls in. */
  record Target(Scope scope, Budget budget, PeriodWindow window, AccountKey account) {}

  private BudgetRows() {}

  /** The listed scopes that have a budget, each once, in the order given. */
  static List<Target> targets(Tx tx, List<Scope> scopes, Instant at) {
    List<Scope> distinct = ScopeKeys.distinct(scopes);
    if (distinct.isEmpty()) {
      return List.of();
    }
    Map<String, BudgetRow> rows = new HashMap<>();
    for (BudgetRow row : tx.mapper(BudgetMapper.class).budgets(ScopeKeys.keys(distinct))) {
      rows.put(row.scopeKey(), row);
    }
    List<Target> targets = new ArrayList<>();
    for (Scope scope : distinct) {
      BudgetRow row = rows.get(scope.storageKey());
      if (row != null) {
        Budget budget = toBudget(scope, row);
        PeriodWindow window = budget.period().windowAt(at);
        targets.add(
            new Target(scope, budget, window, new AccountKey(scope.storageKey(), window.start())));
      }
    }
    return targets;
  }

  static BudgetRow toRow(Budget b) {
    long limit = b.limit().nanoUsd();
    Long soft = b.softLimit().map(Money::nanoUsd).orElse(null);
    String key = b.scope().storageKey();
    return switch (b.period()) {
      case BudgetPeriod.Lifetime l -> new BudgetRow(key, limit, soft, "lifetime", null, null);
      case BudgetPeriod.Daily d -> new BudgetRow(key, limit, soft, "daily", null, null);
      case BudgetPeriod.Weekly w -> new BudgetRow(key, limit, soft, "weekly", null, null);
      case BudgetPeriod.Monthly m -> new BudgetRow(key, limit, soft, "monthly", null, null);
      case BudgetPeriod.EveryDays e ->
          new BudgetRow(key, limit, soft, "every_days", e.days(), e.anchor());
    };
  }

  static Budget toBudget(Scope scope, BudgetRow row) {
    BudgetPeriod period =
        switch (row.period()) {
          case "lifetime" -> BudgetPeriod.lifetime();
          case "daily" -> BudgetPeriod.daily();
          case "weekly" -> BudgetPeriod.weekly();
          case "monthly" -> BudgetPeriod.monthly();
          case "every_days" -> BudgetPeriod.everyDays(row.periodDays(), row.periodAnchor());
          default -> throw new IllegalStateException("unknown budget period " + row.period());
        };
    return new Budget(
        scope,
        Money.ofNanoUsd(row.limitNanoUsd()),
        period,
        Optional.ofNullable(row.softLimitNanoUsd()).map(Money::ofNanoUsd));
  }
}
