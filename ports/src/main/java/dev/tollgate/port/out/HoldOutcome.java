package dev.tollgate.port.out;

import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.HoldId;
import dev.tollgate.domain.budget.PeriodWindow;
import dev.tollgate.domain.money.Money;
import java.util.Optional;

/** The result of a multi-scope hold: held everywhere, or nowhere and why. */
public sealed interface HoldOutcome {

  /**
   * Held on every budgeted scope (also the answer to a retry with the same id and amount).
   * {@code tightestRemaining} is the least any of those budgets had left after the hold; empty
   * when no listed scope has a budget. {@code pastSoftLimit}: on at least one of those budgets the
   * posted spend of the current window has reached its soft limit (what a tenant's demotion
   * policy acts on, known here without another read).
   */
  record Held(HoldId id, Money amount, Optional<Money> tightestRemaining, boolean pastSoftLimit)
      implements HoldOutcome {

    /** Held, with no budget known to be past its soft limit. */
    public Held(HoldId id, Money amount, Optional<Money> tightestRemaining) {
      this(id, amount, tightestRemaining, false);
    }
  }

  /**
   * The first budget that could not cover the amount; nothing was held anywhere. {@code available}
   * is what that budget had left (limit - posted - held, at least zero), {@code held} what other
   * holds took of it at that moment: when {@code available + held} would cover the amount, holds
   * are what blocks (they settle or lapse), otherwise posted spend alone does (until the window
   * turns).
   */
  record Refused(Budget budget, Money available, PeriodWindow window, Money held)
      implements HoldOutcome {

    /** A refusal that does not say what is held: read as posted spend alone blocking. */
    public Refused(Budget budget, Money available, PeriodWindow window) {
      this(budget, available, window, Money.ZERO);
    }
  }

  /** A hold with this id exists with another amount; nothing changed. */
  record Conflict(HoldId id, Money existing) implements HoldOutcome {}
}
