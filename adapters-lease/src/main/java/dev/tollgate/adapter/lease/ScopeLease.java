package dev.tollgate.adapter.lease;

import dev.tollgate.domain.budget.HoldId;
import dev.tollgate.domain.budget.PeriodWindow;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.money.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One replica's slice of one budget window: the lease holds it placed on the shared store
 * ({@link Chunk}s, each lapsing at its expiry), and what it consumed of them: holds of requests in
 * flight, the cost of settled requests the journal has not posted yet ({@code unposted}), and the
 * cost of those it has posted since the last rebase. Posting does not give capacity back: the
 * posted cost is now in the shared budget's posted amount while the lease holds still stand. Only
 * a {@link #rebase} does, right after every older lease hold was given back in favour of one new
 * hold that covers what is still exposed (in flight + unposted): the shared store then sees this
 * replica's posted spend plus that one hold, nothing twice.
 *
 * <p>A request is admitted only while {@code consumed + amount <= leased}, so what this replica
 * lets through is always covered by the shared posted amount or by holds every replica sees.
 *
 * <p>Not thread-safe: {@link LeasedBudgetStore} serializes access.
 */
final class ScopeLease {

  record Chunk(HoldId id, Money amount, Instant expiresAt) {}

  private final Scope scope;
  private final PeriodWindow window;
  private final List<Chunk> chunks = new ArrayList<>();
  private final Map<HoldId, Money> inFlight = new HashMap<>();
  private final Map<HoldId, Money> unposted = new HashMap<>();
  private Money leased = Money.ZERO;
  private Money exposed = Money.ZERO; // in flight + unposted
  private Money postedSinceRebase = Money.ZERO;
  private final Money postedAtStart;
  private Money settledTotal = Money.ZERO;
  private Instant lastUsed;
  private Money ceiling; // while a replacing hold is being placed: its amount; else null

  /** {@code postedAtStart}: the shared posted amount when this replica began the lease. */
  ScopeLease(Scope scope, PeriodWindow window, Money postedAtStart, Instant now) {
    this.scope = scope;
    this.window = window;
    this.postedAtStart = postedAtStart;
    this.lastUsed = now;
  }

  /** What this replica believes is posted: the shared amount at the start plus what it settled. */
  Money postedAsSeenHere() {
    return postedAtStart.plus(settledTotal);
  }

  Scope scope() {
    return scope;
  }

  PeriodWindow window() {
    return window;
  }

  Money leased() {
    return leased;
  }

  /** What is not yet in the shared posted amount: requests in flight and unposted costs. */
  Money exposed() {
    return exposed;
  }

  /** What the lease holds have been used for since the last rebase. */
  Money consumed() {
    return exposed.plus(postedSinceRebase);
  }

  /**
   * What new requests may still hold here; negative after an overage. While a replacement is
   * being placed, also no more than the replacement would leave: admissions during the round trip
   * are covered whether it succeeds or not.
   */
  Money free() {
    Money free = leased.minus(consumed());
    return ceiling == null ? free : free.min(ceiling.minus(exposed));
  }

  /** A hold of {@code amount} replacing every hold of this slice is on its way. */
  void replacing(Money amount) {
    ceiling = amount;
  }

  /** The replacement was refused or failed: the old holds stand. */
  void replacementDone() {
    ceiling = null;
  }

  Money inFlightTotal() {
    return inFlight.values().stream().reduce(Money.ZERO, Money::plus);
  }

  Money unpostedTotal() {
    return unposted.values().stream().reduce(Money.ZERO, Money::plus);
  }

  Instant lastUsed() {
    return lastUsed;
  }

  List<Chunk> chunks() {
    return List.copyOf(chunks);
  }

  boolean canHold(Money amount) {
    return !amount.isGreaterThan(free());
  }

  void hold(HoldId id, Money amount, Instant now) {
    inFlight.put(id, amount);
    exposed = exposed.plus(amount);
    lastUsed = now;
  }

  /** The request ended with {@code actual}: its hold becomes unposted spend (or posted already). */
  void settle(HoldId id, Money actual, boolean alreadyPosted) {
    Money held = inFlight.remove(id);
    if (held != null) {
      exposed = exposed.minus(held);
    }
    settledTotal = settledTotal.plus(actual);
    if (alreadyPosted) {
      postedSinceRebase = postedSinceRebase.plus(actual);
    } else if (actual.isPositive()) {
      unposted.merge(id, actual, Money::plus);
      exposed = exposed.plus(actual);
    }
  }

  boolean release(HoldId id) {
    Money held = inFlight.remove(id);
    if (held == null) {
      return false;
    }
    exposed = exposed.minus(held);
    return true;
  }

  /** The journal posted this request's cost on the shared budget; it still used the lease. */
  boolean posted(HoldId id) {
    Money cost = unposted.remove(id);
    if (cost == null) {
      return false;
    }
    exposed = exposed.minus(cost);
    postedSinceRebase = postedSinceRebase.plus(cost);
    return true;
  }

  /**
   * The shared store swapped every hold of this slice for {@code kept} (which covers what is
   * exposed): forgets the old holds and what they were used for.
   */
  void rebase(Chunk kept) {
    if (kept.amount().compareTo(exposed) < 0) {
      throw new IllegalStateException("a rebase must keep what is exposed covered");
    }
    List.copyOf(chunks).forEach(this::removeChunk);
    addChunk(kept);
    postedSinceRebase = Money.ZERO;
    ceiling = null;
  }

  /** Gives every hold back (nothing is exposed); returns them. */
  List<Chunk> releaseAll() {
    if (!exposed.isZero()) {
      throw new IllegalStateException("requests still need this lease");
    }
    List<Chunk> released = List.copyOf(chunks);
    released.forEach(this::removeChunk);
    postedSinceRebase = Money.ZERO;
    return released;
  }

  void addChunk(Chunk chunk) {
    chunks.add(chunk);
    leased = leased.plus(chunk.amount());
  }

  void removeChunk(Chunk chunk) {
    if (chunks.remove(chunk)) {
      leased = leased.minus(chunk.amount());
    }
  }

  /** Forgets holds the shared store has dropped by now; returns them. */
  List<Chunk> dropLapsed(Instant now) {
    List<Chunk> lapsed = chunks.stream().filter(c -> !now.isBefore(c.expiresAt())).toList();
    lapsed.forEach(this::removeChunk);
    return lapsed;
  }

  /** True when a hold lapses by {@code horizon}: time to renew. */
  boolean lapsesBy(Instant horizon) {
    return chunks.stream().anyMatch(c -> !c.expiresAt().isAfter(horizon));
  }

  boolean isIdle(Instant now, java.time.Duration idleAfter) {
    return exposed.isZero() && inFlight.isEmpty() && unposted.isEmpty()
        && !now.isBefore(lastUsed.plus(idleAfter));
  }
}
