package dev.tollgate.service;

import dev.tollgate.port.in.SweepExpired;
import dev.tollgate.port.out.BudgetStore;
import java.time.Clock;

/** Expires unsettled holds at the clock's now. */
public final class SweepExpiredService implements SweepExpired {

  private final BudgetStore budgets;
  private final Clock clock;

  public SweepExpiredService(BudgetStore budgets, Clock clock) {
    this.budgets = budgets;
    this.clock = clock;
  }

  @Override
  public int sweep() {
    return budgets.expireHolds(clock.instant());
  }
}
