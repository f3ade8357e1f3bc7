package dev.tollgate.port.in;

import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.rate.ParallelLimit;
import dev.tollgate.domain.rate.RateKind;
import dev.tollgate.domain.rate.RateLimit;

/** Sets or removes request, token and parallel-request limits of a scope. */
public interface SetLimits {

  void setRateLimit(RateLimit limit);

  boolean removeRateLimit(Scope scope, RateKind kind);

  void setParallelLimit(ParallelLimit limit);

  boolean removeParallelLimit(Scope scope);
}
