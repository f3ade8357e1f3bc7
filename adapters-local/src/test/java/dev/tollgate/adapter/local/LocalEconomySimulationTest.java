package dev.tollgate.adapter.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.memory.InMemoryBudgetStore;
import dev.tollgate.adapter.memory.InMemoryReplicaLiveness;
import dev.tollgate.adapter.memory.InMemorySpendLedger;
import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetPeriod;
import dev.tollgate.domain.budget.BudgetSnapshot;
import dev.tollgate.domain.budget.HoldId;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.ledger.SpendQuery;
import dev.tollgate.domain.money.Money;
import dev.tollgate.port.out.HoldOutcome;
import dev.tollgate.port.out.HoldRequest;
import dev.tollgate.port.out.ReplicaLiveness;
import dev.tollgate.port.out.ReplicaRun;
import dev.tollgate.port.out.StoreUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A deterministic simulation of the local economy (TigerBeetle's VOPR idea): one to three replicas
 * (leased budgets, a journal each, the posting ledger) over one shared budget store and ledger
 * and a manual clock; each seed drives a random interleaving of admissions, settlements,
 * releases, journal postings, background ticks, clock jumps (lease lapses), shared-store outages,
 * crashes with restart on the same journal, kills not restarted until a later step (whose lease
 * holds the survivors give back once the run is gone, {@link GoneRuns}), and graceful stops.
 * Checked after every step:
 * <ul>
 *   <li>never overspent beyond the stated bound: what was answered (settled costs) plus what is in
 *       flight stays within the limit, plus, across replicas, the unposted costs of a replica that
 *       crashed while the store was down, the exposure of replicas stalled past a lease's
 *       renewal, and the unposted costs of a killed run whose holds survivors gave back
 *       (docs/economics.md, "Leases");
 *   <li>no ledger entry lost or doubled: the ledger never holds an entry that was not answered,
 *       each once, and the shared posted amount never exceeds the ledger; at the end, after every
 *       journal is drained, ledger = answered = posted;
 *   <li>one replica alone never refuses what it can afford: a refusal states exactly what a
 *       snapshot shows, and that cannot cover the request.
 * </ul>
 * Reproducible: a failure names its seed; {@code -Dtollgate.sim.seed=S -Dtollgate.sim.seeds=1}
 * replays it, {@code -Dtollgate.sim.seeds=N} runs more.
 */
class LocalEconomySimulationTest {

  private static final int DEFAULT_SEEDS = 2_000;
  private static final long DEFAULT_FIRST_SEED = 0x70116A7EL;
  private static final int STEPS = 120;
  private static final int TRACE_STEPS = 40;
  private static final Instant T0 = Instant.parse("2030-03-14T10:00:00Z");
  private static final Scope KEY = Scope.key(Replica.KEY);
  private static final Duration HOLD_TTL = Duration.ofMinutes(15);
  /** Outages end before a lease would lapse: longer ones have their own bound (see the docs). */
  private static final Duration LONGEST_OUTAGE = Duration.ofSeconds(35);
  /** A killed replica's chance to be restarted at each step it is picked (a few seconds down). */
  private static final int RESTART_PERCENT = 4;
  /** Whether survivors give a gone run's holds back ({@link GoneRuns}); off to measure without. */
  private static final boolean GONE_RUNS =
      Boolean.parseBoolean(System.getProperty("tollgate.sim.gone-runs", "true"));

  @Test
  void every_seed_keeps_the_bounds() {
    int seeds = Integer.getInteger("tollgate.sim.seeds", DEFAULT_SEEDS);
    long first = Long.getLong("tollgate.sim.seed", DEFAULT_FIRST_SEED);
    Stats total = new Stats();
    for (int i = 0; i < seeds; i++) {
      long seed = first + i;
      World world = new World(seed);
      try {
        total.add(world.run());
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("simulation seed " + seed + " failed (replay with"
            + " -Dtollgate.sim.seed=" + seed + " -Dtollgate.sim.seeds=1): " + e.getMessage()
            + "\nlast steps:\n" + String.join("\n", world.trace), e);
      }
    }
    System.out.println("local economy simulation: " + seeds + " seeds, " + total);
  }

  /** What a run measured. */
  static final class Stats {
    long admitted;
    long refused;
    long unavailable;
    long falseRefusals; // several replicas only: refused although the budget had room
    long falseRefusalsAfterCrash; // ... while a dead run's lease holds had not lapsed yet
    long falseRefusalsWhileDown; // ... of those, while a killed replica was not restarted yet
    long goneRunsGivenBack; // killed runs whose holds the survivors gave back
    long worstFalseRefusalBasisPoints; // what was left then, in 1/10,000 of the limit
    long worstOverspendBasisPoints; // beyond the limit, within the stated bound
    long overspentRuns;

    void add(Stats s) {
      admitted += s.admitted;
      refused += s.refused;
      unavailable += s.unavailable;
      falseRefusals += s.falseRefusals;
      falseRefusalsAfterCrash += s.falseRefusalsAfterCrash;
      falseRefusalsWhileDown += s.falseRefusalsWhileDown;
      goneRunsGivenBack += s.goneRunsGivenBack;
      worstFalseRefusalBasisPoints =
          Math.max(worstFalseRefusalBasisPoints, s.worstFalseRefusalBasisPoints);
      worstOverspendBasisPoints = Math.max(worstOverspendBasisPoints, s.worstOverspendBasisPoints);
      overspentRuns += s.worstOverspendBasisPoints > 0 ? 1 : 0;
    }

    @Override
    public String toString() {
      return admitted + " admitted, " + refused + " refused (" + falseRefusals
          + " with room left across replicas in normal operation, at most "
          + worstFalseRefusalBasisPoints + " bp of the limit left; " + falseRefusalsAfterCrash
          + " more while a dead run's lease holds stood, " + falseRefusalsWhileDown + " of them while a killed"
          + " replica was down; " + goneRunsGivenBack + " killed runs' holds given back by survivors), "
          + unavailable + " unavailable; overspent in "
          + overspentRuns + " runs (each within its stated bound), at most "
          + worstOverspendBasisPoints + " bp of the limit";
    }
  }

  /** One replica process: its leased store, its journal (which survives a crash), its requests. */
  private final class Node {
    final List<SpendEntry> journal = new ArrayList<>();
    final Map<HoldId, Long> inFlight = new LinkedHashMap<>();
    final Map<HoldId, Instant> heldAt = new HashMap<>();
    StoreHealth health;
    LeasedBudgetStore budgets;
    BudgetPostingLedger posting;

    String name;
    boolean down; // killed, not restarted yet
    boolean givenBack; // ... and the survivors gave its holds back
    boolean registered; // ... after it had registered (its first background round)

    Node(World w, String name) {
      start(w, name);
    }

    /** A run on this node's journal; it gives back the lease holds of the run before it. */
    void start(World w, String next) {
      List<String> before = name == null ? List.of() : List.of(name);
      name = next;
      health = new StoreHealth(w.clock, true);
      budgets = new LeasedBudgetStore(w.shared, LeaseSettings.defaults(), name, health);
      if (GONE_RUNS) {
        budgets.watch(w.liveness, before);
      }
      posting = new BudgetPostingLedger(w.ledger, w.shared, budgets, w.clock);
      budgets.carryUnposted(List.copyOf(journal), before, w.clock.instant()); // as StoresModule
      down = false;
      givenBack = false;
    }

    long unposted() {
      return journal.stream().mapToLong(e -> e.cost().nanoUsd()).sum();
    }

    /** Posts what the journal holds, as the forwarder does; false while the store is down. */
    boolean forward() {
      if (journal.isEmpty()) {
        return true;
      }
      try {
        posting.appendAll(List.copyOf(journal));
        journal.clear();
        return true;
      } catch (StoreUnavailableException e) {
        return false;
      }
    }
  }

  private final class World {
    final SplittableRandom random;
    final ManualClock clock = new ManualClock(T0);
    final SwitchableBudgetStore shared = new SwitchableBudgetStore(new InMemoryBudgetStore());
    final InMemorySpendLedger ledger = new InMemorySpendLedger();
    final InMemoryReplicaLiveness liveness = new InMemoryReplicaLiveness();
    final List<Node> nodes = new ArrayList<>();
    final java.util.ArrayDeque<String> trace = new java.util.ArrayDeque<>();
    final Map<RequestId, Long> answered = new HashMap<>();
    final long limit;
    final Stats stats = new Stats();
    long allowance;
    String last = "";
    long sequence;
    int incarnations;
    Instant outageSince;
    Instant deadHoldsUntil = Instant.MIN; // a crashed or unreleased run's lease holds stand

    World(long seed) {
      random = new SplittableRandom(seed);
      limit = random.nextLong(1_000, 5_000_000);
      shared.putBudget(Budget.of(KEY, Money.ofNanoUsd(limit), BudgetPeriod.lifetime()));
      int replicas = 1 + random.nextInt(3);
      for (int i = 0; i < replicas; i++) {
        nodes.add(new Node(this, "n" + (++incarnations)));
      }
    }

    Stats run() {
      for (int step = 0; step < STEPS; step++) {
        Node n = nodes.get(random.nextInt(nodes.size()));
        step(n);
        if (trace.size() >= TRACE_STEPS) {
          trace.removeFirst();
        }
        trace.addLast(step + " node" + nodes.indexOf(n) + " " + last + " | letThrough="
            + letThrough() + " limit=" + limit + " allowance=" + allowance + " down=" + shared.down);
        check();
      }
      shared.down = false;
      for (Node n : nodes) {
        if (n.down) {
          n.start(this, "n" + (++incarnations)); // a killed replica comes back at last
        }
      }
      for (Node n : nodes) {
        n.inFlight.keySet().forEach(n.budgets::release);
        n.inFlight.clear();
        assertThat(n.forward()).isTrue();
      }
      check();
      long ledgerTotal = ledgerTotal();
      assertThat(ledgerTotal).as("ledger = answered").isEqualTo(sum(answered));
      assertThat(postedShared()).as("posted = ledger").isEqualTo(ledgerTotal);
      return stats;
    }

    private void step(Node n) {
      int op = random.nextInt(100);
      if (n.down) {
        last = op < RESTART_PERCENT ? "restart" : "down";
        if (op < RESTART_PERCENT) {
          restart(n);
        }
        return;
      }
      if (op < 34) {
        last = "admit";
        admit(n);
      } else if (op < 58) {
        last = "settle";
        settle(n);
      } else if (op < 62) {
        last = "release";
        release(n);
      } else if (op < 76) {
        last = "forward";
        n.forward();
      } else if (op < 88) {
        last = "tick";
        for (Node m : nodes) { // every process runs its background round every sync interval
          if (!m.down) {
            tick(m);
          }
        }
      } else if (op < 92) {
        last = "rounds";
        rounds(1 + random.nextInt(16));
      } else if (op < 94) {
        last = "advance short";
        advance(Duration.ofMillis(random.nextLong(0, 3_000)));
      } else if (op < 95) {
        last = "kill";
        kill(n);
      } else if (op < 96) {
        last = "advance long";
        advance(Duration.ofSeconds(random.nextLong(20, 70)));
      } else if (op < 98) {
        last = "outage";
        toggleOutage();
      } else if (op < 99) {
        last = "crash";
        crash(n);
      } else {
        last = "stop";
        stopGracefully(n);
      }
    }

    private void admit(Node n) {
      Instant now = clock.instant();
      long max = random.nextLong(1, Math.max(2, limit / 5));
      HoldId hold = HoldId.forRequest(RequestId.of("s" + (++sequence)));
      HoldOutcome outcome;
      try {
        outcome = n.budgets.placeHold(
            new HoldRequest(hold, Replica.SCOPES, Money.ofNanoUsd(max), now, now.plus(HOLD_TTL)));
      } catch (StoreUnavailableException e) {
        stats.unavailable++;
        return;
      }
      switch (outcome) {
        case HoldOutcome.Held held -> {
          last = "admit " + max;
          n.inFlight.put(hold, max);
          n.heldAt.put(hold, now);
          stats.admitted++;
        }
        case HoldOutcome.Refused refused -> refused(n, refused, max);
        case HoldOutcome.Conflict c -> throw new AssertionError("a fresh id conflicted: " + c);
      }
    }

    private void refused(Node n, HoldOutcome.Refused refused, long max) {
      last = "refuse " + max + " " + refused;
      stats.refused++;
      long room = limit - letThrough();
      if (nodes.size() == 1) {
        BudgetSnapshot seen = n.budgets.snapshot(KEY, clock.instant()).orElseThrow();
        assertThat(refused.available()).as("the refusal states what a snapshot shows")
            .isEqualTo(seen.available().max(Money.ZERO));
        assertThat(seen.available().nanoUsd()).as("one replica refuses only what does not fit")
            .isLessThan(max);
      } else if (room >= max && clock.instant().isBefore(deadHoldsUntil)) {
        stats.falseRefusalsAfterCrash++;
        if (nodes.stream().anyMatch(m -> m.down)) {
          stats.falseRefusalsWhileDown++;
        }
      } else if (room >= max) {
        stats.falseRefusals++;
        stats.worstFalseRefusalBasisPoints =
            Math.max(stats.worstFalseRefusalBasisPoints, room * 10_000 / limit);
      }
    }

    private void settle(Node n) {
      if (n.inFlight.isEmpty()) {
        return;
      }
      HoldId hold = pick(n.inFlight);
      long max = n.inFlight.remove(hold);
      long actual = random.nextLong(0, max + 1);
      RequestId id = RequestId.of(hold.value().substring("req:".length()));
      Instant at = n.heldAt.remove(hold);
      n.journal.add(Replica.entry(id.value(), Money.ofNanoUsd(actual), at)); // journaled first
      answered.put(id, actual);
      n.budgets.settle(hold, Replica.SCOPES, at, Money.ofNanoUsd(actual), clock.instant());
    }

    private void release(Node n) {
      if (!n.inFlight.isEmpty()) {
        HoldId hold = pick(n.inFlight);
        n.inFlight.remove(hold);
        n.heldAt.remove(hold);
        n.budgets.release(hold);
      }
    }

    private void tick(Node n) {
      try {
        if (shared.down) {
          throw new StoreUnavailableException("probe: down");
        }
        n.budgets.tick(clock.instant());
        n.health.reachable();
        countGivenBack();
        if (nodes.stream().allMatch(m -> m.budgets.predecessorsGone() && (!m.down || m.givenBack))) {
          deadHoldsUntil = Instant.MIN; // every dead run's holds were given back
        }
      } catch (StoreUnavailableException e) {
        n.health.unreachable(e);
      }
    }

    /** Some background rounds of every live replica, one sync interval apart (seconds pass). */
    private void rounds(int count) {
      for (int i = 0; i < count; i++) {
        advance(LeaseSettings.defaults().syncInterval());
        for (Node m : nodes) {
          if (!m.down) {
            tick(m);
          }
        }
      }
    }

    /** A jump past a renewal: a replica stalled that long may leave its exposure uncovered. */
    private void advance(Duration d) {
      if (nodes.size() > 1 && d.compareTo(LeaseSettings.defaults().renewAhead()) >= 0) {
        allowance += nodes.stream().mapToLong(n -> n.budgets.exposedNanoUsd()).sum();
      }
      clock.advance(d);
      if (outageSince != null && !clock.instant().isBefore(outageSince.plus(LONGEST_OUTAGE))) {
        shared.down = false;
        outageSince = null;
      }
    }

    private void toggleOutage() {
      shared.down = !shared.down;
      outageSince = shared.down ? clock.instant() : null;
    }

    /**
     * A survivor gave a killed run's holds back: its answered costs the journal has not posted are
     * uncovered from now on, and its successor will post them on top (docs/economics.md).
     */
    private void countGivenBack() {
      List<String> gone = liveness.gone(ReplicaLiveness.MAX_GONE).stream().map(ReplicaRun::value).toList();
      for (Node m : nodes) {
        if (m.down && m.registered && !m.givenBack && !gone.contains(m.name)) {
          m.givenBack = true;
          stats.goneRunsGivenBack++;
          allowance += m.unposted();
        }
      }
    }

    /** kill -9, not restarted (yet): the survivors go on, its journal waits on its disk. */
    private void kill(Node n) {
      n.inFlight.clear();
      n.heldAt.clear();
      n.down = true;
      liveness.end(new ReplicaRun(n.name)); // the kernel ends its session
      n.registered = liveness.gone(ReplicaLiveness.MAX_GONE).stream().anyMatch(r -> r.value().equals(n.name));
      deadHoldsUntil = clock.instant().plus(LeaseSettings.defaults().leaseTtl());
    }

    /** The killed replica restarted on its journal: it adopts the dead run, and posts its journal. */
    private void restart(Node n) {
      long unposted = n.unposted();
      boolean wasGivenBack = n.givenBack;
      n.start(this, "n" + (++incarnations));
      if (!n.forward() && nodes.size() > 1 && !wasGivenBack) {
        allowance += unposted; // its slices may lapse before the journal is replayed
      }
    }

    /** kill -9 and a restart on the same journal: requests in flight were never answered. */
    private void crash(Node n) {
      n.inFlight.clear();
      n.heldAt.clear();
      long unposted = n.journal.stream().mapToLong(e -> e.cost().nanoUsd()).sum();
      deadHoldsUntil = clock.instant().plus(LeaseSettings.defaults().leaseTtl());
      n.start(this, "n" + (++incarnations));
      if (!n.forward() && nodes.size() > 1) {
        allowance += unposted; // its slices may lapse before the journal is replayed
      }
    }

    /** SIGTERM: answered requests finish, the journal is posted, the slices given back. */
    private void stopGracefully(Node n) {
      for (HoldId hold : List.copyOf(n.inFlight.keySet())) {
        n.inFlight.remove(hold);
        n.heldAt.remove(hold);
        n.budgets.release(hold);
      }
      if (n.forward() && !shared.down) {
        n.budgets.releaseIdle();
      } else {
        deadHoldsUntil = clock.instant().plus(LeaseSettings.defaults().leaseTtl());
      }
      n.start(this, "n" + (++incarnations));
    }

    /** Plain checks (not assertj): they run after every one of some 300,000 steps. */
    private void check() {
      long overspend = letThrough() - limit;
      stats.worstOverspendBasisPoints =
          Math.max(stats.worstOverspendBasisPoints, overspend * 10_000 / limit);
      if (overspend > allowance) {
        throw new AssertionError("overspent by " + overspend + " nano-USD, beyond the stated"
            + " bound of " + allowance);
      }
      List<SpendEntry> entries = ledger.entries(everything(), 0, 10_000);
      java.util.Set<RequestId> seen = new java.util.HashSet<>();
      for (SpendEntry e : entries) {
        Long cost = answered.get(e.requestId());
        if (!seen.add(e.requestId()) || cost == null || cost != e.cost().nanoUsd()) {
          throw new AssertionError("ledger entry doubled, never answered or changed: " + e);
        }
      }
      if (!shared.down && postedShared() > ledgerTotal()) {
        throw new AssertionError("posted " + postedShared() + " is ahead of the ledger");
      }
    }

    /** What was answered or may still be: settled costs and holds in flight. */
    private long letThrough() {
      return sum(answered) + nodes.stream().mapToLong(n -> sum(n.inFlight)).sum();
    }

    private long postedShared() {
      boolean down = shared.down;
      shared.down = false;
      try {
        return shared.snapshot(KEY, clock.instant()).orElseThrow().posted().nanoUsd();
      } finally {
        shared.down = down;
      }
    }

    private long ledgerTotal() {
      return ledger.total(everything()).cost().nanoUsd();
    }

    private SpendQuery everything() {
      return SpendQuery.forTenant(Replica.TENANT, Instant.EPOCH, T0.plus(Duration.ofDays(3650)));
    }

    private <K> K pick(Map<K, Long> from) {
      return new ArrayList<>(from.keySet()).get(random.nextInt(from.size()));
    }
  }

  private static long sum(Map<?, Long> amounts) {
    return amounts.values().stream().mapToLong(Long::longValue).sum();
  }
}
