package dev.tollgate.adapter.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.memory.InMemoryBudgetStore;
import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetPeriod;
import dev.tollgate.domain.budget.HoldId;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.money.Money;
import dev.tollgate.port.out.BudgetStore;
import dev.tollgate.port.out.HoldOutcome;
import dev.tollgate.port.out.HoldRequest;
import dev.tollgate.port.out.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The hand-over: with it, a failed call cuts, and a request waits (bounded) for the probe to
 * trust the fast store again before the local state may answer it; a new identity (a restart) is
 * adopted only after the cut, and trusted only once settled.
 */
class FailoverHandOverTest {

  private static final Instant NOW = Instant.parse("2030-03-14T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private final Scope scope = Scope.key(KeyId.of("k-hand-over"));
  private final Switch fastSwitch = new Switch();
  private final InMemoryBudgetStore fastBackend = new InMemoryBudgetStore();
  private final InMemoryBudgetStore local = new InMemoryBudgetStore();

  private HoldRequest hold(String id, long nanoUsd) {
    return new HoldRequest(HoldId.of(id), List.of(scope), Money.ofNanoUsd(nanoUsd), NOW,
        NOW.plus(Duration.ofMinutes(10)));
  }

  private BudgetStore over(SharedStateFailover failover) {
    return new FailoverBudgetStore(fastSwitch.over(BudgetStore.class, fastBackend), local, failover);
  }

  @Test
  void aTimedOutCallWaitsForTheProbeAndIsAskedAgainInsteadOfTheLocalState() {
    SharedStateFailover failover =
        new SharedStateFailover("Redis", CLOCK, true, Duration.ofSeconds(30));
    BudgetStore budgets = over(failover);
    failover.check(() -> "redis-1");
    fastSwitch.timeout.set(true);
    CompletableFuture<Void> probe = CompletableFuture.runAsync(() -> {
      for (int i = 0; i < 3000 && failover.degradation().isEmpty(); i++) {
        Thread.onSpinWait();
        try {
          Thread.sleep(1);
        } catch (InterruptedException e) {
          return;
        }
      }
      fastSwitch.timeout.set(false);
      failover.check(() -> "redis-1"); // the probe answers: trusted again
    });

    assertThat(budgets.placeHold(hold("h1", 4))).isInstanceOf(HoldOutcome.Held.class);
    probe.join();
    assertThat(failover.failedCalls()).isEqualTo(1);
    assertThat(failover.outages()).as("the timeout cut").isEqualTo(1);
    assertThat(failover.servedLocally()).as("asked again, not answered locally").isZero();
    assertThat(fastBackend.snapshot(scope, NOW)).isEmpty(); // no budget: held, nothing to count
    assertThat(failover.degradation()).isEmpty();
  }

  @Test
  void theLocalStateAnswersOnceTheHandOverHasPassedWithoutTheStore() {
    SharedStateFailover failover =
        new SharedStateFailover("Redis", CLOCK, true, Duration.ofMillis(50));
    BudgetStore budgets = over(failover);
    failover.check(() -> "redis-1");
    fastSwitch.down.set(true);

    assertThat(budgets.placeHold(hold("h1", 4))).isInstanceOf(HoldOutcome.Held.class);
    assertThat(failover.servedLocally()).isEqualTo(1);
    assertThat(failover.degradation()).isPresent();
    assertThat(budgets.placeHold(hold("h2", 4))).as("after the hand-over: at once")
        .isInstanceOf(HoldOutcome.Held.class);
    assertThat(failover.servedLocally()).isEqualTo(2);
  }

  @Test
  void aNewIdentityIsAdoptedAfterTheCutAndTrustedOnlyOnceSettled() {
    SharedStateFailover failover =
        new SharedStateFailover("Redis", CLOCK, true, Duration.ofMillis(50));
    List<String> adopted = new ArrayList<>();
    List<Boolean> cutWhenAdopted = new ArrayList<>();
    failover.onIdentity(id -> {
      adopted.add(id);
      cutWhenAdopted.add(failover.degradation().isPresent());
    });
    failover.checkIdentity(() -> new SharedStateFailover.Identity("epoch-1", true));
    assertThat(failover.degradation()).isEmpty();

    failover.checkIdentity(() -> new SharedStateFailover.Identity("epoch-2", false));
    assertThat(failover.restarts()).isEqualTo(1);
    assertThat(failover.degradation()).as("not trusted before it is settled").isPresent();
    failover.checkIdentity(() -> new SharedStateFailover.Identity("epoch-2", true));

    assertThat(failover.degradation()).isEmpty();
    assertThat(adopted).containsExactly("epoch-1", "epoch-2");
    assertThat(cutWhenAdopted).as("the restarted store adopted only once nothing uses it")
        .containsExactly(false, true);
  }

  @Test
  void aHoldCarriedWithoutCoverIsCountedInNanoUsd() {
    SharedStateFailover failover = new SharedStateFailover("Redis", CLOCK, true);
    local.putBudget(Budget.of(scope, Money.ofNanoUsd(5), BudgetPeriod.lifetime()));
    BudgetStore budgets = over(failover);
    failover.check(() -> "redis-1");
    budgets.placeHold(hold("h1", 4));
    budgets.placeHold(hold("h2", 3)); // the fast store has no budget: both held there

    failover.check(() -> {
      throw new StoreUnavailableException("connection refused");
    });

    assertThat(failover.uncoveredNanoUsd()).as("one of the two could not be carried")
        .isIn(3L, 4L);
  }
}
