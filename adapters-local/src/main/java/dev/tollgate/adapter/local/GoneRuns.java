package dev.tollgate.adapter.local;

import dev.tollgate.port.out.BudgetStore;
import dev.tollgate.port.out.ReplicaLiveness;
import dev.tollgate.port.out.ReplicaRun;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Gives back the lease holds of replica runs whose process is gone (killed, and not restarted on
 * its journal yet), so the other replicas stop refusing for a dead replica's slices long before
 * those lapse. A run is given back once the store has answered it gone ({@link ReplicaLiveness}:
 * its own connection ended, so a stalled or cut-off replica never counts) for {@code goneAfter}
 * without a break, while this replica has itself been reaching the store for that long: a
 * database restart ends every session at once, and each live run takes its own again within a
 * round. A successor on the run's journal adopts it instead (it gives its predecessors' holds back
 * itself, once their costs are posted).
 *
 * <p>What this costs: the dead run's answered costs its journal had not posted when it died are
 * no longer covered; when its successor posts them they are posted on top, so a budget may end
 * over its limit by those costs (with the database up, what the forwarder had not posted yet:
 * docs/economics.md, "A killed replica's slices").
 */
final class GoneRuns {

  private static final Logger LOG = Logger.getLogger(GoneRuns.class.getName());

  private final ReplicaLiveness liveness;
  private final ReplicaRun self;
  private final List<ReplicaRun> predecessors;
  private final Duration goneAfter;
  private final Map<ReplicaRun, Instant> goneSince = new HashMap<>(); // at most MAX_GONE
  private boolean registered;
  private Instant lastRound;
  private Instant reachingSince;
  private int runsGivenBack;

  GoneRuns(ReplicaLiveness liveness, ReplicaRun self, List<ReplicaRun> predecessors, Duration goneAfter) {
    this.liveness = liveness;
    this.self = self;
    this.predecessors = List.copyOf(predecessors);
    this.goneAfter = goneAfter;
  }

  /**
   * One round, when the store answered this round's probe. True if this run had been taken for
   * gone (another replica gave its holds back): its slices are no longer on the store. A store
   * failure is thrown ({@code StoreUnavailableException}); the rounds since count as a break.
   */
  synchronized boolean round(BudgetStore shared, Instant now) {
    if (lastRound == null || now.isAfter(lastRound.plus(goneAfter.dividedBy(2)))) {
      reachingSince = now; // a break (a failure, a stall): reaching the store starts again,
      goneSince.clear(); // and so does every run's time gone, unseen meanwhile
    }
    boolean takenForGone = false;
    if (registered) {
      takenForGone = !liveness.renew(self);
    } else {
      liveness.register(self, predecessors);
      registered = true;
    }
    if (!now.isBefore(reachingSince.plus(goneAfter))) {
      giveBackGone(shared, now);
    }
    lastRound = now;
    return takenForGone;
  }

  private void giveBackGone(BudgetStore shared, Instant now) {
    List<ReplicaRun> gone = liveness.gone(ReplicaLiveness.MAX_GONE);
    goneSince.keySet().retainAll(gone); // seen alive again: its time starts over
    for (ReplicaRun run : gone) {
      if (run.equals(self)) {
        continue;
      }
      Instant since = goneSince.computeIfAbsent(run, r -> now);
      if (!now.isBefore(since.plus(goneAfter))) {
        int released = shared.releaseAll(LeasedBudgetStore.leasePrefix(run.value()));
        liveness.forget(run);
        goneSince.remove(run);
        runsGivenBack++;
        LOG.info("gave back " + released + " lease holds of the replica run " + run.value()
            + " (its process is gone, and no successor took it over)");
      }
    }
  }

  synchronized int runsGivenBack() {
    return runsGivenBack;
  }
}
