package dev.tollgate.port.in.admin;

import dev.tollgate.domain.budget.BudgetSnapshot;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.budget.SessionBudget;
import dev.tollgate.domain.rate.ParallelLimit;
import dev.tollgate.domain.rate.RateUsage;
import java.util.Optional;

/**
 * Everything that limits one scope, as it stands now: the budget in its current window (limit,
 * posted, held, remaining), the request and token windows with their use, parallel slots, and for
 * a key its per-session budget.
 */
public record ScopeLimits(
    Scope scope,
    Optional<BudgetSnapshot> budget,
    Optional<RateUsage> requests,
    Optional<RateUsage> tokens,
    Optional<ParallelLimit> parallel,
    int inFlight,
    Optional<SessionBudget> sessionBudget) {

  /** A scope without a per-session budget (every scope but a key's). */
  public ScopeLimits(Scope scope, Optional<BudgetSnapshot> budget, Optional<RateUsage> requests,
      Optional<RateUsage> tokens, Optional<ParallelLimit> parallel, int inFlight) {
    this(scope, budget, requests, tokens, parallel, inFlight, Optional.empty());
  }
}
