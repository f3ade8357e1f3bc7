package dev.tollgate.domain.budget;

import dev.tollgate.domain.money.Money;

/**
 * What settling a hold did to one account.
 *
 * @param posted the actual cost, always posted in full
 * @param released the part of the hold that was not used
 * @param overage how far the actual cost went beyond the hold (zero normally)
 * @param holdWasMissing the hold had expired or never existed; the cost was posted all the same
 * @param crossedSoftLimit this posting took spend from below the soft limit to at or above it
 */
public record SettleResult(
    Money posted,
    Money released,
    Money overage,
    boolean holdWasMissing,
    boolean crossedSoftLimit) {

  public boolean isOverage() {
    return overage.isPositive();
  }
}
