package dev.tollgate.domain.budget;

import dev.tollgate.domain.money.Money;

/** A budget's state in its current window. {@code available} is negative after an overage. */
public record BudgetSnapshot(
    Budget budget, PeriodWindow window, Money posted, Money held, Money available) {

  /** What remains for new requests, never below zero. */
  public Money remaining() {
    return available.max(Money.ZERO);
  }
}
