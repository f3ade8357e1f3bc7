package dev.tollgate.domain.budget;

import dev.tollgate.domain.money.Money;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * One budget in one period window: what is posted, what is held, and by which holds. This is the
 * two-phase transfer of TigerBeetle applied to spend: hold the most a request can cost, then post
 * what it did cost and release the rest; void on failure; holds nobody settles expire.
 *
 * <p>Invariant: {@code posted + held <= limit} whenever every settled cost was within its hold. A
 * cost above its hold is still posted in full (usage happened and is billed) and reported as
 * overage; the account then has nothing available and refuses holds until its window turns.
 *
 * <p>Not thread-safe: a store serializes access (a lock, a row lock, a script). The same class
 * serves as a replica's local view of a budget lease.
 */
public final class BudgetAccount {

  private Money limit;
  private Optional<Money> softLimit;
  private final PeriodWindow window;
  private final Map<HoldId, Hold> holds = new HashMap<>();
  private Money posted = Money.ZERO;
  private Money held = Money.ZERO;

  private record Hold(Money amount, Instant expiresAt) {}

  public BudgetAccount(Money limit, Optional<Money> softLimit, PeriodWindow window) {
    if (limit.isNegative()) {
      throw new IllegalArgumentException("limit must not be negative");
    }
    this.limit = limit;
    this.softLimit = softLimit;
    this.window = window;
  }

  public static BudgetAccount open(Budget budget, Instant now) {
    return new BudgetAccount(budget.limit(), budget.softLimit(), budget.period().windowAt(now));
  }

  /** Restores an account from stored totals (posted only; holds are re-added one by one). */
  public static BudgetAccount restore(
      Money limit, Optional<Money> softLimit, PeriodWindow window, Money posted) {
    BudgetAccount account = new BudgetAccount(limit, softLimit, window);
    account.posted = posted;
    return account;
  }

  public HoldResult hold(HoldId id, Money amount, Instant expiresAt, Instant now) {
    if (amount.isNegative()) {
      throw new IllegalArgumentException("hold amount must not be negative: " + amount);
    }
    expire(now);
    Hold existing = holds.get(id);
    if (existing != null) {
      return existing.amount.equals(amount)
          ? new HoldResult.AlreadyHeld(amount)
          : new HoldResult.HeldWithDifferentAmount(existing.amount);
    }
    Money available = available();
    if (amount.isGreaterThan(available)) {
      return new HoldResult.Insufficient(available.max(Money.ZERO));
    }
    holds.put(id, new Hold(amount, expiresAt));
    held = held.plus(amount);
    return new HoldResult.Placed(amount);
  }

  /** Posts the actual cost, releasing whatever of the hold it did not use. */
  public SettleResult settle(HoldId id, Money actual) {
    if (actual.isNegative()) {
      throw new IllegalArgumentException("actual cost must not be negative: " + actual);
    }
    Hold hold = holds.remove(id);
    Money holdAmount = hold == null ? Money.ZERO : hold.amount;
    held = held.minus(holdAmount);
    boolean belowSoftBefore = softLimit.map(s -> posted.compareTo(s) < 0).orElse(false);
    posted = posted.plus(actual);
    boolean atSoftAfter = softLimit.map(s -> posted.isAtLeast(s)).orElse(false);
    Money released = holdAmount.minus(actual).max(Money.ZERO);
    Money overage = actual.minus(holdAmount).max(Money.ZERO);
    return new SettleResult(actual, released, overage, hold == null, belowSoftBefore && atSoftAfter);
  }

  /** Voids a hold (the call failed, nothing is owed). False if there was no such hold. */
  public boolean release(HoldId id) {
    Hold hold = holds.remove(id);
    if (hold == null) {
      return false;
    }
    held = held.minus(hold.amount);
    return true;
  }

  /** Drops holds whose expiry is at or before {@code now}; returns how many. */
  public int expire(Instant now) {
    int expired = 0;
    for (Iterator<Hold> it = holds.values().iterator(); it.hasNext(); ) {
      Hold hold = it.next();
      if (!now.isBefore(hold.expiresAt)) {
        held = held.minus(hold.amount);
        it.remove();
        expired++;
      }
    }
    return expired;
  }

  /** What a new hold may take: limit - posted - held, negative after an overage. */
  public Money available() {
    return limit.minus(posted).minus(held);
  }

  /**
   * Posted spend has reached the soft limit (exactly reaching it counts, as in {@link #settle}).
   * Only posted spend counts, so once past it the account stays past it until its window turns.
   */
  public boolean pastSoftLimit() {
    return softLimit.map(posted::isAtLeast).orElse(false);
  }

  /** A budget's limit was changed mid-period: posted spend and live holds carry over. */
  public void changeLimit(Money newLimit, Optional<Money> newSoftLimit) {
    if (newLimit.isNegative()) {
      throw new IllegalArgumentException("limit must not be negative");
    }
    this.limit = newLimit;
    this.softLimit = newSoftLimit;
  }

  public boolean holds(HoldId id) {
    return holds.containsKey(id);
  }

  public Money limit() {
    return limit;
  }

  public Optional<Money> softLimit() {
    return softLimit;
  }

  public PeriodWindow window() {
    return window;
  }

  public Money posted() {
    return posted;
  }

  public Money held() {
    return held;
  }

  public int holdCount() {
    return holds.size();
  }
}
