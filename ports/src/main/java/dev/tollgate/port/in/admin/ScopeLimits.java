package dev.tollgate.port.in.admin;

import dev.tollgate.domain.budget.BudgetSnapshot;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.rate.ParallelLimit;
import dev.tollgate.domain.rate.RateUsage;
import java.util.Optional;

/**
 * Everything that limits one scope, as it stands now: the budget in its current window (limit,
 * posted, held, remaining), the request and token windows with their use, and parallel slots.
 */
public record ScopeLimits(
    Scope scope,
    Optional<BudgetSnapshot> budget,
    Optional<RateUsage> requests,
    Optional<RateUsage> tokens,
    Optional<ParallelLimit> parallel,
    int inFlight) {}
