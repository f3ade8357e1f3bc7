package dev.tollgate.adapter.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.memory.InMemoryBudgetStore;
import dev.tollgate.adapter.memory.InMemoryReplicaLiveness;
import dev.tollgate.adapter.memory.InMemorySpendLedger;
import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetPeriod;
import dev.tollgate.domain.budget.BudgetSnapshot;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.money.Money;
import dev.tollgate.port.out.ReplicaRun;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A replica killed and not restarted: the survivors give its lease holds back once the store has
 * answered it gone for {@code goneAfter} (not for a lease TTL), so a request the budget covers is
 * admitted again; a run that is merely silent, or that a successor adopted, keeps its holds.
 */
class GoneReplicasLeasesAreGivenBackTest {

  private static final Instant T0 = Instant.parse("2030-03-14T10:00:00Z");
  private static final Scope KEY = Scope.key(Replica.KEY);
  private static final Duration ROUND = LeaseSettings.defaults().syncInterval();
  private static final Duration GONE_AFTER = LeaseSettings.defaults().goneAfter();

  private final ManualClock clock = new ManualClock(T0);
  private final InMemoryBudgetStore shared = new InMemoryBudgetStore();
  private final InMemorySpendLedger ledger = new InMemorySpendLedger();
  private final InMemoryReplicaLiveness liveness = new InMemoryReplicaLiveness();

  @BeforeEach
  void budget() {
    shared.putBudget(Budget.of(KEY, Money.usd("1.00"), BudgetPeriod.lifetime()));
  }

  private Replica run(String name, List<String> before) {
    Replica r = new Replica(name, shared, ledger, LeaseSettings.defaults(), clock,
        new StoreHealth(clock, true));
    r.budgets.watch(liveness, before);
    r.budgets.tick(clock.instant());
    return r;
  }

  private BudgetSnapshot truth() {
    return shared.snapshot(KEY, clock.instant()).orElseThrow();
  }

  /** Rounds of every replica given, {@code d} of time in steps of one sync interval. */
  private void rounds(Duration d, Replica... replicas) {
    for (Duration t = Duration.ZERO; t.compareTo(d) < 0; t = t.plus(ROUND)) {
      clock.advance(ROUND);
      for (Replica r : replicas) {
        r.budgets.tick(clock.instant());
      }
    }
  }

  /** Spends a victim's slice, posted; then the victim dies with nothing unposted. */
  private Replica victimWithASlice() {
    Replica victim = run("r1-1", List.of());
    assertThat(victim.request("v1", Money.usd("0.10"), Money.usd("0.05"))).isTrue();
    victim.forward();
    assertThat(truth().held()).as("the victim's slice").isGreaterThan(Money.usd("0.10"));
    return victim;
  }

  @Test
  void a_killed_replicas_slice_goes_back_to_the_survivors_after_goneAfter() {
    Replica survivor = run("r2-1", List.of());
    victimWithASlice();
    rounds(GONE_AFTER.plus(ROUND), survivor);
    Money heldBefore = truth().held();
    liveness.end(new ReplicaRun("r1-1")); // SIGKILL: its session ends

    rounds(GONE_AFTER.minus(ROUND), survivor);
    assertThat(truth().held()).as("not before goneAfter").isEqualTo(heldBefore);
    rounds(ROUND.multipliedBy(2), survivor);

    assertThat(survivor.budgets.goneRunsGivenBack()).isEqualTo(1);
    assertThat(shared.releaseAll(LeasedBudgetStore.leasePrefix("r1-1"))).as("none left").isZero();
    assertThat(survivor.request("s1", Money.usd("0.90"), Money.usd("0.90")))
        .as("what the victim held is admitted (0.05 posted, 0.95 left)").isTrue();
  }

  @Test
  void a_silent_replica_whose_process_lives_keeps_its_slice() {
    Replica survivor = run("r2-1", List.of());
    victimWithASlice(); // never ticks again: stalled, or cut off from the store
    Money held = truth().held();

    rounds(GONE_AFTER.multipliedBy(4), survivor);

    assertThat(survivor.budgets.goneRunsGivenBack()).isZero();
    assertThat(truth().held()).isEqualTo(held);
  }

  @Test
  void a_run_its_successor_adopted_is_left_to_the_successor() {
    Replica survivor = run("r2-1", List.of());
    Replica victim = victimWithASlice();
    assertThat(victim.request("v2", Money.usd("0.10"), Money.usd("0.08"))).isTrue(); // unposted
    rounds(GONE_AFTER.plus(ROUND), survivor);
    liveness.end(new ReplicaRun("r1-1"));

    Replica next = run("r1-2", List.of("r1-1"));
    next.budgets.carryUnposted(victim.journal(), List.of("r1-1"), clock.instant());
    rounds(GONE_AFTER.multipliedBy(2), survivor, next);

    assertThat(survivor.budgets.goneRunsGivenBack()).as("adopted").isZero();
    assertThat(next.budgets.predecessorHoldsReleased()).as("the journal is not posted yet").isZero();
  }

  @Test
  void a_survivor_judges_only_after_reaching_the_store_for_goneAfter_itself() {
    victimWithASlice();
    liveness.end(new ReplicaRun("r1-1"));
    Replica late = run("r2-1", List.of()); // e.g. after a database restart that ended every session

    rounds(GONE_AFTER.minus(ROUND), late);
    assertThat(late.budgets.goneRunsGivenBack()).isZero();
    clock.advance(GONE_AFTER); // a break: its own rounds stalled
    late.budgets.tick(clock.instant());
    rounds(GONE_AFTER.minus(ROUND), late);
    assertThat(late.budgets.goneRunsGivenBack()).as("a break starts it over").isZero();

    rounds(GONE_AFTER.multipliedBy(2), late);
    assertThat(late.budgets.goneRunsGivenBack()).isEqualTo(1);
  }

  @Test
  void a_run_taken_for_gone_while_alive_forgets_its_slices_and_covers_its_exposure_again() {
    Replica taken = run("r1-1", List.of());
    assertThat(taken.request("t1", Money.usd("0.10"), Money.usd("0.06"))).isTrue(); // unposted
    liveness.forget(new ReplicaRun("r1-1"));
    shared.releaseAll(LeasedBudgetStore.leasePrefix("r1-1")); // what a survivor did

    clock.advance(ROUND);
    taken.budgets.tick(clock.instant());
    assertThat(taken.request("t2", Money.usd("0.10"), Money.usd("0.06"))).isTrue();

    assertThat(truth().held()).as("a new slice covers the unposted 0.06 and more")
        .isGreaterThanOrEqualTo(Money.usd("0.06"));
    taken.forward();
    assertThat(truth().posted()).isEqualTo(Money.usd("0.12"));
    assertThat(truth().posted().plus(truth().held())).isLessThanOrEqualTo(Money.usd("1.00"));
  }
}
