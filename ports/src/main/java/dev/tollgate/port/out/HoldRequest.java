package dev.tollgate.port.out;

import dev.tollgate.domain.budget.HoldId;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.money.Money;
import java.time.Instant;
import java.util.List;

/** Hold {@code amount} on the budget of every listed scope that has one, all or none. */
public record HoldRequest(
    HoldId id, List<Scope> scopes, Money amount, Instant now, Instant expiresAt) {

  public HoldRequest {
    scopes = List.copyOf(scopes);
    if (amount.isNegative() || !expiresAt.isAfter(now)) {
      throw new IllegalArgumentException("amount must be >= 0 and expiry after now");
    }
  }
}
