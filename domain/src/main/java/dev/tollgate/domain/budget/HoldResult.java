package dev.tollgate.domain.budget;

import dev.tollgate.domain.money.Money;

/**
 * The outcome of placing a hold on one account. Retrying a hold is safe: the same id with the same
 * amount answers {@link AlreadyHeld}; the same id with another amount is refused, never merged.
 */
public sealed interface HoldResult {

  record Placed(Money amount) implements HoldResult {}

  record AlreadyHeld(Money amount) implements HoldResult {}

  record HeldWithDifferentAmount(Money existing) implements HoldResult {}

  /** posted + held + amount would exceed the limit; {@code available} is what is left. */
  record Insufficient(Money available) implements HoldResult {}

  default boolean isHeld() {
    return this instanceof Placed || this instanceof AlreadyHeld;
  }
}
