package dev.tollgate.adapter.local;

import dev.tollgate.domain.budget.BudgetLease;
import dev.tollgate.domain.money.Money;
import dev.tollgate.port.out.BudgetStore;
import dev.tollgate.port.out.StoreUnavailableException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The background work on one replica's slices, every sync interval: re-read stale budgets (and,
 * every round, those near their limit), renew slices running low, hoarding or about to lapse,
 * shrink slices holding more than the budget has left for everyone else (near the limit, so other
 * replicas are not refused for this one's spare), give back idle slices and those of ended
 * windows; and, at a graceful stop, give back every slice nothing depends on.
 */
final class LeaseMaintenance {

  private final BudgetStore shared;
  private final LeaseBook book;
  private final LeaseSwaps swaps;
  private final LeaseSettings settings;
  private final StoreHealth health;

  LeaseMaintenance(BudgetStore shared, LeaseBook book, LeaseSwaps swaps, LeaseSettings settings,
      StoreHealth health) {
    this.shared = shared;
    this.book = book;
    this.swaps = swaps;
    this.settings = settings;
    this.health = health;
  }

  /**
   * One round. Shared calls run outside the lock; a failure marks the store unreachable and ends
   * the round (the next one retries).
   */
  void tick(Instant now) {
    book.refreshStale(now);
    for (ScopeState s : book.states()) {
      maintain(s, now);
    }
    health.synced();
  }

  private void maintain(ScopeState s, Instant now) {
    if (health.isDegraded()) {
      return; // in an outage the last slices keep being enforced as they are
    }
    List<BudgetLease.Chunk> giveBack = new ArrayList<>();
    BudgetLease renew = null;
    Money slice = Money.ZERO;
    book.lock.lock();
    try {
      for (BudgetLease old : List.copyOf(s.retiring)) {
        old.dropLapsed(now);
        if (old.exposed().isZero()) {
          giveBack.addAll(old.releaseAll());
          s.retiring.remove(old);
        }
      }
      BudgetLease current = s.lease;
      if (current != null) {
        current.dropLapsed(now);
        slice = s.slice(settings.sliceDivisor());
        if (s.budget.isEmpty() || current.isIdle(now, settings.leaseTtl())) {
          if (current.exposed().isZero()) {
            giveBack.addAll(current.releaseAll());
            s.lease = null;
          }
        } else if (current.needsRenewal(slice, now.plus(settings.renewAhead()),
            settings.maxChunks()) || current.hoardsNearTheLimit(s.sharedAvailable)) {
          renew = current;
        }
      }
    } finally {
      book.lock.unlock();
    }
    if (renew != null) {
      swaps.renew(renew, slice, now);
    }
    giveBack(giveBack, true);
  }

  /**
   * Gives back every slice nothing depends on any more (a graceful stop, after the journal was
   * posted), so a restarted replica does not keep its share locked for a lease TTL. Slices still
   * covering unposted costs or requests in flight are left to lapse.
   */
  void releaseIdle() {
    List<BudgetLease.Chunk> giveBack = new ArrayList<>();
    book.lock.lock();
    try {
      for (ScopeState s : book.states()) {
        for (BudgetLease l : s.leases()) {
          if (l.exposed().isZero()) {
            giveBack.addAll(l.releaseAll());
          }
        }
      }
    } finally {
      book.lock.unlock();
    }
    giveBack(giveBack, false);
  }

  private void giveBack(List<BudgetLease.Chunk> chunks, boolean reportFailure) {
    for (BudgetLease.Chunk c : chunks) {
      try {
        shared.release(c.id());
      } catch (StoreUnavailableException e) {
        if (reportFailure) {
          health.unreachable(e);
          throw e;
        }
        return; // the rest lapse on their own
      }
    }
  }
}
