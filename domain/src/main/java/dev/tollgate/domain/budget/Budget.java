package dev.tollgate.domain.budget;

import dev.tollgate.domain.money.Money;
import java.util.Optional;

/**
 * A spend limit on one scope over a period, with an optional soft threshold that is reported when
 * crossed but never refuses a request.
 */
public record Budget(Scope scope, Money limit, BudgetPeriod period, Optional<Money> softLimit) {

  public Budget {
    if (scope == null || limit == null || period == null || softLimit == null) {
      throw new IllegalArgumentException("scope, limit, period and softLimit are required");
    }
    if (limit.isNegative()) {
      throw new IllegalArgumentException("limit must not be negative: " + limit);
    }
    softLimit.ifPresent(
        soft -> {
          if (soft.isNegative() || soft.isGreaterThan(limit)) {
            throw new IllegalArgumentException("soft limit must be within 0.." + limit);
          }
        });
  }

  public static Budget of(Scope scope, Money limit, BudgetPeriod period) {
    return new Budget(scope, limit, period, Optional.empty());
  }
}
