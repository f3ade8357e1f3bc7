package dev.tollgate.domain.ledger;

import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.usage.TokenUsage;

/** The sum of a set of ledger entries: exact, to the nano-dollar. */
public record SpendTotal(long requests, Money cost, TokenUsage usage) {

  public static final SpendTotal NONE = new SpendTotal(0, Money.ZERO, TokenUsage.NONE);

  public SpendTotal plus(long moreRequests, Money moreCost, TokenUsage moreUsage) {
    return new SpendTotal(
        Math.addExact(requests, moreRequests), cost.plus(moreCost), usage.plus(moreUsage));
  }
}
