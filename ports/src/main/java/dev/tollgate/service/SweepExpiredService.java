package dev.tollgate.service;

import dev.tollgate.port.in.SweepExpired;
import dev.tollgate.port.out.BudgetStore;
import dev.tollgate.port.out.SpendLedger;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Expires unsettled holds at the clock's now, on the budgets and on the session budgets, and
 * learns what sessions met since the last sweep spent before this engine met them
 * ({@link SessionLearning}).
 */
public final class SweepExpiredService implements SweepExpired {

  private final BudgetStore budgets;
  private final Clock clock;
  private final SessionBudgetBook sessions;
  private final SessionLearning learning;

  public SweepExpiredService(BudgetStore budgets, Clock clock) {
    this(budgets, clock, new SessionBudgetBook(), Optional.empty());
  }

  SweepExpiredService(BudgetStore budgets, Clock clock, SessionBudgetBook sessions,
      Optional<SpendLedger> ledger) {
    this.budgets = budgets;
    this.clock = clock;
    this.sessions = sessions;
    this.learning = new SessionLearning(sessions, ledger);
  }

  @Override
  public int sweep() {
    Instant now = clock.instant();
    int changed = budgets.expireHolds(now);
    sessions.expire(now);
    learning.learn(now);
    return changed;
  }
}
