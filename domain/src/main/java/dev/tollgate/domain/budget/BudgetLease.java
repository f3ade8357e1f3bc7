package dev.tollgate.domain.budget;

import dev.tollgate.domain.money.Money;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One replica's slice of one budget window, and the arithmetic of leasing it: the lease holds it
 * placed on the shared store ({@link Chunk}s, each lapsing at its expiry), and what it consumed
 * of them: holds of requests in flight, the cost of settled requests the journal has not posted
 * yet ({@code unposted}), and the cost of those posted since the last rebase. Posting does not
 * give capacity back: the posted cost is now in the shared posted amount while the lease holds
 * still stand. Only a {@link #rebase} does: the shared store swapped every hold of the slice for
 * one new hold covering what is still exposed (in flight + unposted), in one atomic step, so it
 * sees this replica's posted spend plus that one hold, nothing twice.
 *
 * <p>The invariant: a request is admitted only while {@code consumed + amount <= leased} (and,
 * while a swap is on its way, within what the new hold would leave: {@link #replacing}), so what
 * this replica lets through is always covered by the shared posted amount or by holds every
 * replica sees. {@code BudgetLeasePropertyTest} checks it over random interleavings.
 *
 * <p>Not thread-safe: the store that keeps it serializes access.
 */
public final class BudgetLease {

  /** A lease hold on the shared store. */
  public record Chunk(HoldId id, Money amount, Instant expiresAt) {}

  private final Scope scope;
  private final PeriodWindow window;
  private final List<Chunk> chunks = new ArrayList<>();
  private final Map<HoldId, Money> inFlight = new HashMap<>();
  private final Map<HoldId, Money> unposted = new HashMap<>();
  private Money leased = Money.ZERO;
  private Money exposed = Money.ZERO; // in flight + unposted
  private Money inFlightTotal = Money.ZERO;
  private Money postedSinceRebase = Money.ZERO;
  private final Money postedAtStart;
  private Money settledTotal = Money.ZERO;
  private Instant lastUsed;
  private Money ceiling; // while a replacing hold is being placed: its amount; else null

  /** {@code postedAtStart}: the shared posted amount when this replica began the lease. */
  public BudgetLease(Scope scope, PeriodWindow window, Money postedAtStart, Instant now) {
    this.scope = scope;
    this.window = window;
    this.postedAtStart = postedAtStart;
    this.lastUsed = now;
  }

  // ---- the pure rules of sizing, renewal and refusal ----

  /** A slice: a share of what the budget has left, so replicas split the rest. */
  public static Money sliceOf(Money sharedAvailable, int divisor) {
    if (divisor < 1) {
      throw new IllegalArgumentException("slice divisor must be at least 1: " + divisor);
    }
    return Money.ofNanoUsd(sharedAvailable.max(Money.ZERO).nanoUsd() / divisor);
  }

  /**
   * Time to swap the holds for one new hold: one lapses by {@code horizon}, the slice runs below a
   * quarter of {@code slice}, hoards more than two slices, or has {@code maxChunks} holds.
   */
  public boolean needsRenewal(Money slice, Instant horizon, int maxChunks) {
    Money lowWater = Money.ofNanoUsd(slice.nanoUsd() / 4);
    return lapsesBy(horizon)
        || free().compareTo(lowWater) < 0
        || free().isGreaterThan(slice.plus(slice))
        || chunks.size() >= maxChunks;
  }

  /**
   * Near the limit, a slice gives back what it does not need: true when what the budget has left
   * for every other replica ({@code sharedAvailable}, beyond every hold) is less than what this
   * slice holds and does not need ({@link #spare}: unused, or posted since the last swap and so
   * counted twice on the shared store). Swapping the slice for what is exposed plus a new slice (a
   * share of {@code sharedAvailable}, so less than the spare) then returns the difference, so a
   * replica refused near the limit is not refused because of another's idle slice.
   */
  public boolean hoardsNearTheLimit(Money sharedAvailable) {
    Money spare = spare();
    return spare.isPositive() && sharedAvailable.compareTo(spare) < 0;
  }

  /**
   * What the lease holds beyond what is exposed: unused room plus costs posted since the last
   * swap (which the shared store counts as posted and, until the swap, as held too).
   */
  public Money spare() {
    return leased.minus(exposed).max(Money.ZERO);
  }

  /**
   * What one new hold replacing every hold of the slice must cover to admit a request of
   * {@code amount}: what is exposed plus the request, less {@code credit} (holds the request
   * replaces, which go in the same step).
   */
  public Money neededFor(Money amount, Money credit) {
    return exposed.minus(credit).plus(amount);
  }

  /**
   * The refusal as one replica must state it, from the shared store's refusal of a hold that
   * replaced every hold of this slice ({@code sharedAvailable}: limit - posted - other replicas'
   * holds): what remains after what is exposed here, at least zero. With one replica this is
   * exactly limit - posted - unposted - in flight: what a snapshot shows.
   */
  public Money remainsAfter(Money sharedAvailable, Money credit) {
    return sharedAvailable.minus(exposed.minus(credit)).max(Money.ZERO);
  }

  // ---- the state ----

  /** What this replica believes is posted: the shared amount at the start plus what it settled. */
  public Money postedAsSeenHere() {
    return postedAtStart.plus(settledTotal);
  }

  public Scope scope() {
    return scope;
  }

  public PeriodWindow window() {
    return window;
  }

  public Money leased() {
    return leased;
  }

  /** What is not yet in the shared posted amount: requests in flight and unposted costs. */
  public Money exposed() {
    return exposed;
  }

  /** What the lease holds have been used for since the last rebase. */
  public Money consumed() {
    return exposed.plus(postedSinceRebase);
  }

  /**
   * What new requests may still hold here; negative after an overage. While a replacement is
   * being placed, also no more than the replacement would leave: admissions during the round trip
   * are covered whether it succeeds or not.
   */
  public Money free() {
    Money free = leased.minus(consumed());
    return ceiling == null ? free : free.min(ceiling.minus(exposed));
  }

  public Money inFlightTotal() {
    return inFlightTotal;
  }

  public Money unpostedTotal() {
    return exposed.minus(inFlightTotal);
  }

  public Instant lastUsed() {
    return lastUsed;
  }

  public List<Chunk> chunks() {
    return List.copyOf(chunks);
  }

  public boolean canHold(Money amount) {
    return !amount.isGreaterThan(free());
  }

  public void hold(HoldId id, Money amount, Instant now) {
    inFlight.put(id, amount);
    inFlightTotal = inFlightTotal.plus(amount);
    exposed = exposed.plus(amount);
    lastUsed = now;
  }

  /** The request ended with {@code actual}: its hold becomes unposted spend (or posted already). */
  public void settle(HoldId id, Money actual, boolean alreadyPosted) {
    release(id);
    settledTotal = settledTotal.plus(actual);
    if (alreadyPosted) {
      postedSinceRebase = postedSinceRebase.plus(actual);
    } else if (actual.isPositive()) {
      unposted.merge(id, actual, Money::plus);
      exposed = exposed.plus(actual);
    }
  }

  public boolean release(HoldId id) {
    Money held = inFlight.remove(id);
    if (held == null) {
      return false;
    }
    inFlightTotal = inFlightTotal.minus(held);
    exposed = exposed.minus(held);
    return true;
  }

  /** The journal posted this request's cost on the shared budget; it still used the lease. */
  public boolean posted(HoldId id) {
    Money cost = unposted.remove(id);
    if (cost == null) {
      return false;
    }
    exposed = exposed.minus(cost);
    postedSinceRebase = postedSinceRebase.plus(cost);
    return true;
  }

  /** A hold of {@code amount} replacing every hold of this slice is on its way. */
  public void replacing(Money amount) {
    ceiling = amount;
  }

  /** The replacement was refused: the old holds stand. */
  public void replacementDone() {
    ceiling = null;
  }

  /**
   * The shared store swapped every hold of this slice for {@code kept} (which covers what is
   * exposed): forgets the old holds and what they were used for.
   */
  public void rebase(Chunk kept) {
    if (kept.amount().compareTo(exposed) < 0) {
      throw new IllegalStateException("a rebase must keep what is exposed covered");
    }
    List.copyOf(chunks).forEach(this::removeChunk);
    addChunk(kept);
    postedSinceRebase = Money.ZERO;
    ceiling = null;
  }

  /** Gives every hold back (nothing is exposed); returns them. */
  public List<Chunk> releaseAll() {
    if (!exposed.isZero()) {
      throw new IllegalStateException("requests still need this lease");
    }
    List<Chunk> released = List.copyOf(chunks);
    released.forEach(this::removeChunk);
    postedSinceRebase = Money.ZERO;
    return released;
  }

  public void addChunk(Chunk chunk) {
    chunks.add(chunk);
    leased = leased.plus(chunk.amount());
  }

  private void removeChunk(Chunk chunk) {
    if (chunks.remove(chunk)) {
      leased = leased.minus(chunk.amount());
    }
  }

  /** Forgets holds the shared store has dropped by now; returns them. */
  public List<Chunk> dropLapsed(Instant now) {
    List<Chunk> lapsed = null; // none, nearly always: every hold checks
    for (Chunk c : chunks) {
      if (!now.isBefore(c.expiresAt())) {
        lapsed = lapsed == null ? new ArrayList<>() : lapsed;
        lapsed.add(c);
      }
    }
    if (lapsed == null) {
      return List.of();
    }
    lapsed.forEach(this::removeChunk);
    return List.copyOf(lapsed);
  }

  /** True when a hold lapses by {@code horizon}: time to renew. */
  public boolean lapsesBy(Instant horizon) {
    return chunks.stream().anyMatch(c -> !c.expiresAt().isAfter(horizon));
  }

  public boolean isIdle(Instant now, Duration idleAfter) {
    return exposed.isZero() && inFlight.isEmpty() && unposted.isEmpty()
        && !now.isBefore(lastUsed.plus(idleAfter));
  }
}
