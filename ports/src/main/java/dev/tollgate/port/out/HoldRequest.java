package dev.tollgate.port.out;

import dev.tollgate.domain.budget.HoldId;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.money.Money;
import java.time.Instant;
import java.util.List;

/**
 * Hold {@code amount} on the budget of every listed scope that has one, all or none.
 *
 * <p>{@code replacing}: holds given back in the same atomic step the new one is placed (a lease
 * renewal swaps its old holds for one new hold this way). The budgets are checked as if those
 * holds were already gone; if the new hold is refused, they stand as they were. Ids of holds that
 * no longer exist are ignored.
 */
public record HoldRequest(
    HoldId id, List<Scope> scopes, Money amount, Instant now, Instant expiresAt,
    List<HoldId> replacing) {

  public HoldRequest {
    scopes = List.copyOf(scopes);
    replacing = List.copyOf(replacing);
    if (amount.isNegative() || !expiresAt.isAfter(now)) {
      throw new IllegalArgumentException("amount must be >= 0 and expiry after now");
    }
    if (replacing.contains(id)) {
      throw new IllegalArgumentException("a hold cannot replace itself: " + id);
    }
  }

  /** A hold that replaces none. */
  public HoldRequest(HoldId id, List<Scope> scopes, Money amount, Instant now, Instant expiresAt) {
    this(id, scopes, amount, now, expiresAt, List.of());
  }
}
