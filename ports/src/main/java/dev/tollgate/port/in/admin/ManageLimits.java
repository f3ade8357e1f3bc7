package dev.tollgate.port.in.admin;

import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.budget.SessionBudget;
import dev.tollgate.domain.rate.ParallelLimit;
import dev.tollgate.domain.rate.RateKind;
import dev.tollgate.domain.rate.RateLimit;
import dev.tollgate.domain.tenancy.Actor;
import java.util.Optional;

/**
 * Budgets and limits at every scope. A tenant admin sets them on its own teams and keys and reads
 * its tenant's; the tenant's own caps are the platform's to set.
 */
public interface ManageLimits {

  AdminResult<ScopeLimits> limits(Actor actor, Scope scope);

  AdminResult<ScopeLimits> setBudget(Actor actor, Budget budget);

  AdminResult<ScopeLimits> removeBudget(Actor actor, Scope scope);

  AdminResult<ScopeLimits> setRateLimit(Actor actor, RateLimit limit);

  AdminResult<ScopeLimits> removeRateLimit(Actor actor, Scope scope, RateKind kind);

  AdminResult<ScopeLimits> setParallelLimit(Actor actor, ParallelLimit limit);

  AdminResult<ScopeLimits> removeParallelLimit(Actor actor, Scope scope);

  /**
   * Sets (or, when empty, removes) the per-session budget of the key {@code scope} names: what each
   * client session of the key may spend. Only a key's own scope carries one.
   */
  AdminResult<ScopeLimits> setSessionBudget(Actor actor, Scope scope, Optional<SessionBudget> budget);
}
