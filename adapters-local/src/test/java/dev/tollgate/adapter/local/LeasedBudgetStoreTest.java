package dev.tollgate.adapter.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.adapter.memory.InMemoryBudgetStore;
import dev.tollgate.adapter.memory.InMemorySpendLedger;
import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetPeriod;
import dev.tollgate.domain.budget.BudgetSnapshot;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.ledger.SpendQuery;
import dev.tollgate.domain.money.Money;
import dev.tollgate.port.out.HoldOutcome;
import dev.tollgate.port.out.HoldRequest;
import dev.tollgate.port.out.StoreUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LeasedBudgetStoreTest {

  private static final Instant T0 = Instant.parse("2030-03-14T10:00:00Z");
  private static final Money LIMIT = Money.usd("1.00");
  private static final Scope KEY = Scope.key(Replica.KEY);

  private final ManualClock clock = new ManualClock(T0);
  private final SwitchableBudgetStore shared = new SwitchableBudgetStore(new InMemoryBudgetStore());
  private final InMemorySpendLedger ledger = new InMemorySpendLedger();
  private final LeaseSettings settings = LeaseSettings.defaults();

  @BeforeEach
  void budget() {
    shared.putBudget(Budget.of(KEY, LIMIT, BudgetPeriod.lifetime()));
  }

  private Replica replica(String name) {
    return new Replica(name, shared, ledger, settings, clock, new StoreHealth(clock, true));
  }

  @Test
  void two_replicas_of_four_threads_never_overspend_one_shared_budget() throws Exception {
    List<Replica> replicas = List.of(replica("a"), replica("b"));
    AtomicLong admittedCost = new AtomicLong();
    AtomicBoolean running = new AtomicBoolean(true);
    List<Thread> background = new ArrayList<>();
    for (Replica r : replicas) {
      background.add(Thread.ofPlatform().start(() -> {
        while (running.get()) {
          r.forward();
          r.budgets.tick(clock.instant());
          Thread.onSpinWait();
        }
      }));
    }
    CountDownLatch done = new CountDownLatch(8);
    for (int t = 0; t < 8; t++) {
      Replica r = replicas.get(t % 2);
      int thread = t;
      Thread.ofPlatform().start(() -> {
        SplittableRandom random = new SplittableRandom(thread);
        for (int i = 0; i < 2_000; i++) {
          long max = random.nextLong(1, 2_000_000);
          long actual = random.nextLong(0, max + 1);
          if (r.request("t" + thread + "-" + i, Money.ofNanoUsd(max), Money.ofNanoUsd(actual))) {
            admittedCost.addAndGet(actual);
          }
        }
        done.countDown();
      });
    }
    done.await();
    running.set(false);
    for (Thread t : background) {
      t.join();
    }
    replicas.forEach(Replica::forward);
    clock.advance(settings.leaseTtl());
    replicas.forEach(r -> r.budgets.tick(clock.instant())); // idle: the slices go back

    long ledgerTotal = ledger.total(SpendQuery.forKey(Replica.TENANT, Replica.KEY,
        Instant.EPOCH, T0.plusSeconds(60))).cost().nanoUsd();
    BudgetSnapshot after = shared.snapshot(KEY, clock.instant()).orElseThrow();
    assertThat(admittedCost.get()).isLessThanOrEqualTo(LIMIT.nanoUsd());
    assertThat(ledgerTotal).isEqualTo(admittedCost.get());
    assertThat(after.posted().nanoUsd()).isEqualTo(admittedCost.get());
    assertThat(after.held()).isEqualTo(Money.ZERO);
    assertThat(admittedCost.get()).as("the budget was used, not just refused")
        .isGreaterThan(LIMIT.nanoUsd() / 2);
  }

  @Test
  void steady_state_admits_and_settles_without_a_shared_call() {
    Replica a = replica("a");
    a.request("warm", Money.ofNanoUsd(1_000), Money.ofNanoUsd(500)); // learns the scopes, leases
    int before = shared.calls.get();
    for (int i = 0; i < 1_000; i++) {
      assertThat(a.request("r" + i, Money.ofNanoUsd(1_000), Money.ofNanoUsd(700))).isTrue();
    }
    assertThat(shared.calls.get() - before).isZero();
  }

  @Test
  void a_killed_replicas_lease_lapses_and_its_journaled_spend_is_posted_once_on_replay() {
    Replica doomed = replica("doomed");
    assertThat(doomed.request("d1", Money.usd("0.10"), Money.usd("0.08"))).isTrue();
    List<dev.tollgate.domain.ledger.SpendEntry> unforwarded = doomed.journal();
    // kill -9: nothing of `doomed` runs again; its lease hold stays on the shared store
    Replica survivor = replica("survivor");
    Money everythingLeft = LIMIT.minus(Money.usd("0.08"));
    assertThat(survivor.request("s1", everythingLeft, Money.ZERO)).as("the dead lease still counts")
        .isFalse();

    // the restarted process replays its journal; twice, as after a second crash
    Replica restarted = replica("doomed-restarted");
    restarted.posting.appendAll(unforwarded);
    restarted.posting.appendAll(unforwarded);
    clock.advance(settings.leaseTtl());

    assertThat(survivor.request("s2", everythingLeft, everythingLeft)).as("the lease lapsed")
        .isTrue();
    survivor.forward();
    BudgetSnapshot after = shared.snapshot(KEY, clock.instant()).orElseThrow();
    assertThat(after.posted()).isEqualTo(LIMIT);
    assertThat(ledger.entries(SpendQuery.forKey(Replica.TENANT, Replica.KEY, Instant.EPOCH,
        clock.instant().plusSeconds(1)), 0, 100)).hasSize(2);
  }

  @Test
  void a_graceful_stop_gives_idle_slices_back_at_once() {
    Replica a = replica("a");
    a.request("r1", Money.usd("0.10"), Money.usd("0.05"));
    a.forward();
    assertThat(shared.snapshot(KEY, clock.instant()).orElseThrow().held().isPositive()).isTrue();

    a.budgets.releaseIdle();

    assertThat(shared.snapshot(KEY, clock.instant()).orElseThrow().held()).isEqualTo(Money.ZERO);
  }

  @Test
  void in_an_outage_known_budgets_keep_admitting_within_the_slice_and_unknown_ones_are_503() {
    StoreHealth health = new StoreHealth(clock, true);
    LeasedBudgetStore budgets = new LeasedBudgetStore(shared, settings, "a", health);
    Instant now = clock.instant();
    assertThat(budgets.placeHold(hold("warm", Money.usd("0.01"), Replica.SCOPES, now)))
        .isInstanceOf(HoldOutcome.Held.class);
    shared.down = true;
    assertThatThrownBy(() -> budgets.tick(now.plus(settings.refreshAfter())))
        .isInstanceOf(StoreUnavailableException.class);
    assertThat(health.isDegraded()).isTrue();

    int admitted = 0;
    for (int i = 0; i < 1_000; i++) {
      HoldOutcome outcome;
      try {
        outcome = budgets.placeHold(hold("o" + i, Money.usd("0.01"), Replica.SCOPES, now));
      } catch (StoreUnavailableException sliceSpent) {
        break;
      }
      assertThat(outcome).isInstanceOf(HoldOutcome.Held.class);
      admitted++;
    }
    assertThat(admitted).as("the slice keeps admitting, and only the slice").isBetween(1, 99);
    Scope stranger = Scope.key(KeyId.of("key_unknown"));
    assertThatThrownBy(() -> budgets.placeHold(hold("x", Money.ZERO, List.of(stranger), now)))
        .isInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void a_refusal_says_what_remains_and_what_requests_in_flight_hold_exactly_as_a_snapshot_does() {
    LeasedBudgetStore budgets = replica("a").budgets;
    Instant now = clock.instant();
    assertThat(budgets.placeHold(hold("big", Money.usd("0.60"), Replica.SCOPES, now)))
        .isInstanceOf(HoldOutcome.Held.class);
    budgets.settle(dev.tollgate.domain.budget.HoldId.of("req:spent"), Replica.SCOPES, now,
        Money.usd("0.10"), now); // answered, not posted yet

    HoldOutcome outcome = budgets.placeHold(hold("next", Money.usd("0.31"), Replica.SCOPES, now));

    BudgetSnapshot seen = budgets.snapshot(KEY, now).orElseThrow();
    assertThat(seen.available()).isEqualTo(Money.usd("0.30"));
    assertThat(outcome).isEqualTo(new HoldOutcome.Refused(
        Budget.of(KEY, LIMIT, BudgetPeriod.lifetime()), Money.usd("0.30"),
        dev.tollgate.domain.budget.PeriodWindow.LIFETIME, Money.usd("0.60")));
    assertThat(budgets.placeHold(hold("fits", Money.usd("0.30"), Replica.SCOPES, now)))
        .as("what remains is admitted, to the last nano-dollar")
        .isInstanceOf(HoldOutcome.Held.class);
  }

  private static HoldRequest hold(String id, Money amount, List<Scope> scopes, Instant now) {
    return new HoldRequest(dev.tollgate.domain.budget.HoldId.of("req:" + id), scopes, amount, now,
        now.plus(Duration.ofMinutes(15)));
  }
}
