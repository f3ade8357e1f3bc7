package dev.tollgate.adapter.local;

import dev.tollgate.domain.budget.BudgetLease;
import dev.tollgate.domain.budget.HoldId;
import dev.tollgate.domain.money.Money;
import dev.tollgate.port.out.BudgetStore;
import dev.tollgate.port.out.HoldOutcome;
import dev.tollgate.port.out.HoldRequest;
import dev.tollgate.port.out.StoreUnavailableException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The one way a slice changes on the shared store: every hold of the slice swapped for one new
 * lease hold ({@code lease:<replica>:<n>}) in one atomic step ({@link HoldRequest#replacing()}),
 * while no journal posting is in flight ({@link PostingGate}). A request its slice cannot cover
 * swaps synchronously (the rare path near the limit, {@link #refill}); the background renews the
 * same way ({@link #renew}). One swap per slice at a time: the slice's monitor.
 */
final class LeaseSwaps {

  private final BudgetStore shared;
  private final LeaseBook book;
  private final PostingGate gate;
  private final LeaseSettings settings;
  private final String replica;
  private final StoreHealth health;
  private long sequence; // guarded by book.lock

  LeaseSwaps(BudgetStore shared, LeaseBook book, PostingGate gate, LeaseSettings settings,
      String replica, StoreHealth health) {
    this.shared = shared;
    this.book = book;
    this.gate = gate;
    this.settings = settings;
    this.replica = replica;
    this.health = health;
  }

  /**
   * Asks the shared truth for a request of {@code amount} its slice cannot cover: one hold
   * covering what is exposed, the request and a fresh slice (or as much as is left) replaces the
   * slice's holds. Empty when the slice now covers it; otherwise the refusal, exactly as a
   * snapshot would state it (remains = limit - posted - unposted - in flight - other replicas').
   */
  Optional<HoldOutcome.Refused> refill(BudgetLease lease, Money amount, Money credit, Instant now) {
    if (health.isDegraded()) { // no request waits on a database known to be down
      throw new StoreUnavailableException("the database is unavailable and this replica's slice"
          + " of the budget of " + lease.scope().storageKey() + " cannot cover the request");
    }
    synchronized (lease) {
      return gate.paused(() -> refillAlone(lease, amount, credit, now));
    }
  }

  private Optional<HoldOutcome.Refused> refillAlone(
      BudgetLease lease, Money amount, Money credit, Instant now) {
    Money needed;
    Money want;
    book.lock.lock();
    try {
      if (lease.canHold(amount.minus(credit))) {
        return Optional.empty();
      }
      needed = lease.neededFor(amount, credit);
      want = needed.plus(book.state(lease.scope()).slice(settings.sliceDivisor()));
    } finally {
      book.lock.unlock();
    }
    if (!(swap(lease, want, now) instanceof HoldOutcome.Refused refused)) {
      return Optional.empty();
    }
    if (refused.available().isAtLeast(needed)
        && swap(lease, refused.available(), now) instanceof HoldOutcome.Held) {
      return Optional.empty(); // what was left is enough for this request
    }
    book.lock.lock();
    try {
      return Optional.of(new HoldOutcome.Refused(refused.budget(),
          lease.remainsAfter(refused.available(), credit), refused.window(),
          refused.held().plus(lease.inFlightTotal().minus(credit))));
    } finally {
      book.lock.unlock();
    }
  }

  /** Renews the slice to what is exposed plus {@code slice} (or all that is left). */
  void renew(BudgetLease lease, Money slice, Instant now) {
    synchronized (lease) {
      gate.paused(() -> {
        Money exposed;
        book.lock.lock();
        try {
          exposed = lease.exposed();
        } finally {
          book.lock.unlock();
        }
        if (swap(lease, exposed.plus(slice), now) instanceof HoldOutcome.Refused refused
            && refused.available().compareTo(exposed) > 0) {
          swap(lease, refused.available(), now);
        }
        return null;
      });
    }
  }

  /**
   * Places one lease hold of {@code amount} replacing every hold the slice has; the slice is
   * capped at it while the call runs (admissions meanwhile are covered either way) and rebased
   * onto it if placed.
   */
  private HoldOutcome swap(BudgetLease lease, Money amount, Instant now) {
    HoldId id;
    List<HoldId> old;
    book.lock.lock();
    try {
      if (amount.compareTo(lease.exposed()) < 0) { // admitted past it meanwhile: not enough
        return new HoldOutcome.Refused(book.state(lease.scope()).budget.orElseThrow(),
            Money.ZERO, lease.window());
      }
      id = HoldId.of(LeasedBudgetStore.leasePrefix(replica).value() + (++sequence));
      old = lease.chunks().stream().map(BudgetLease.Chunk::id).toList();
      lease.replacing(amount);
    } finally {
      book.lock.unlock();
    }
    Instant expiresAt = now.plus(settings.leaseTtl());
    HoldOutcome outcome;
    try {
      outcome = shared.placeHold(
          new HoldRequest(id, List.of(lease.scope()), amount, now, expiresAt, old));
    } catch (StoreUnavailableException e) {
      // whether it was placed is unknown: the slice stays capped at it (conservative either way)
      health.unreachable(e);
      throw e;
    }
    book.lock.lock();
    try {
      if (outcome instanceof HoldOutcome.Held held) {
        lease.rebase(new BudgetLease.Chunk(id, held.amount(), expiresAt));
        ScopeState s = book.state(lease.scope());
        if (s != null) {
          held.tightestRemaining().ifPresent(left -> s.sharedAvailable = left);
        }
      } else {
        lease.replacementDone();
      }
    } finally {
      book.lock.unlock();
    }
    if (outcome instanceof HoldOutcome.Held) {
      health.leaseRefilled();
    }
    return outcome;
  }
}
