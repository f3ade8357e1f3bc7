package dev.tollgate.adapter.local;

import dev.tollgate.domain.budget.HoldId;
import dev.tollgate.domain.budget.HoldPrefix;
import dev.tollgate.port.out.BudgetStore;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The runs this one succeeds on the same journal (a restart after a kill, or after a stop that
 * could not post everything): their lease holds stand on the shared store, and would keep their
 * share of every budget locked until they lapse. They are given back as soon as nothing depends on
 * them: once the journal has posted every cost they answered that this run carried
 * ({@link LeasedBudgetStore#carryUnposted}). Their requests in flight died unanswered, so those
 * costs are all their holds covered; until they are posted, the holds stay (the carried costs then
 * count twice on the shared store, which only refuses more). After a lease TTL every one of their
 * holds has lapsed anyway and there is nothing left to do.
 */
final class Predecessors {

  private static final Logger LOG = Logger.getLogger(Predecessors.class.getName());

  /** Most carried costs tracked; beyond, the predecessors' holds are left to lapse. */
  static final int MAX_TRACKED = 100_000;

  private final List<HoldPrefix> runs;
  private final Set<HoldId> unposted;
  private final Instant lapsedBy;
  private boolean done;
  private int released;

  private Predecessors(List<HoldPrefix> runs, Set<HoldId> unposted, Instant lapsedBy) {
    this.runs = List.copyOf(runs);
    this.unposted = unposted;
    this.lapsedBy = lapsedBy;
    this.done = runs.isEmpty();
  }

  static Predecessors none() {
    return new Predecessors(List.of(), new HashSet<>(), Instant.MIN);
  }

  /**
   * {@code unposted}: the carried costs' holds the journal has not posted yet; over
   * {@link #MAX_TRACKED}, nothing is given back (the holds lapse).
   */
  static Predecessors of(List<HoldPrefix> runs, Set<HoldId> unposted, Instant lapsedBy) {
    if (unposted.size() > MAX_TRACKED) {
      return none();
    }
    return new Predecessors(runs, new HashSet<>(unposted), lapsedBy);
  }

  synchronized void posted(List<HoldId> holds) {
    if (!done) {
      holds.forEach(unposted::remove);
    }
  }

  /**
   * Gives back every predecessor's holds if nothing depends on them any more; a store failure
   * ({@code StoreUnavailableException}) is thrown, and the next round retries.
   */
  synchronized void giveBackIfFree(BudgetStore shared, Instant now) {
    if (done || !unposted.isEmpty()) {
      if (!done && !now.isBefore(lapsedBy)) {
        done = true; // every one of their holds lapsed on its own
      }
      return;
    }
    for (HoldPrefix run : runs) {
      released += shared.releaseAll(run); // idempotent: a retry after a failure releases the rest
    }
    done = true;
    LOG.info("gave back " + released + " lease holds of the runs " + runs
        + " this one succeeds (their answered costs are posted)");
  }

  synchronized boolean done() {
    return done;
  }

  synchronized int released() {
    return released;
  }
}
