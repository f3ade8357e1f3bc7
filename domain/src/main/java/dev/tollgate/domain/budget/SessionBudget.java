package dev.tollgate.domain.budget;

import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.tenancy.SessionId;
import java.util.Optional;

/**
 * A key's per-session budget: what each client session of the key (Claude Code's session id) may
 * spend, over {@code period}. {@code lifetime} (the default) bounds a session over its whole life,
 * however long it runs or is resumed; {@code daily}, {@code weekly} and {@code monthly} renew it.
 * It is a template carried by the key, so a session never seen before needs no read of any store
 * to know its budget ({@link #forSession}).
 */
public record SessionBudget(Money limit, BudgetPeriod period) {

  public SessionBudget {
    if (limit == null || period == null) {
      throw new IllegalArgumentException("limit and period are required");
    }
    if (limit.isNegative()) {
      throw new IllegalArgumentException("limit must not be negative: " + limit);
    }
    if (period instanceof BudgetPeriod.EveryDays) {
      throw new IllegalArgumentException("a session budget is lifetime, daily, weekly or monthly");
    }
  }

  /** The budget one session of {@code key} counts against. */
  public Budget forSession(KeyId key, SessionId session) {
    return new Budget(Scope.session(key, session), limit, period, Optional.empty());
  }
}
