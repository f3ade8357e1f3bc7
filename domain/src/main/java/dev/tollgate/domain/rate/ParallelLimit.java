package dev.tollgate.domain.rate;

import dev.tollgate.domain.budget.Scope;

/** At most {@code maxInFlight} requests of one scope in flight at once. */
public record ParallelLimit(Scope scope, int maxInFlight) {

  public ParallelLimit {
    if (scope == null) {
      throw new IllegalArgumentException("scope is required");
    }
    if (maxInFlight < 0) {
      throw new IllegalArgumentException("maxInFlight must not be negative: " + maxInFlight);
    }
  }
}
