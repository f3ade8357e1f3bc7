package dev.tollgate.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetPeriod;
import dev.tollgate.domain.budget.BudgetSnapshot;
import dev.tollgate.domain.budget.HoldId;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.rate.ParallelLimit;
import dev.tollgate.domain.rate.RateKind;
import dev.tollgate.domain.rate.RateLimit;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.out.HoldOutcome;
import dev.tollgate.port.out.HoldRequest;
import dev.tollgate.port.out.RateOutcome;
import dev.tollgate.port.out.SlotOutcome;
import dev.tollgate.port.out.Stores;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two replicas, each with a HikariCP pool of its own, share one schema: what one admits the other
 * sees, so together they admit exactly what one would. Threads alternate between the replicas.
 */
class TwoReplicasTest {

  @RegisterExtension static final TestSchema SCHEMA = new TestSchema();

  private static final int THREADS = 16;
  private static final Instant T0 = Instant.parse("2030-03-14T10:00:00Z");
  private static final PostgresPool.Settings REPLICA_POOL =
      new PostgresPool.Settings(8, Duration.ofSeconds(10), Duration.ofSeconds(30));

  private static PostgresStores east;
  private static PostgresStores west;
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @BeforeAll
  static void openReplicas() {
    east = SCHEMA.openReplica(REPLICA_POOL);
    west = SCHEMA.openReplica(REPLICA_POOL);
  }

  @AfterAll
  static void closeReplicas() {
    east.close();
    west.close();
  }

  private static Stores replica(int thread) {
    return (thread % 2 == 0 ? east : west).stores();
  }

  private Scope tenant(String name) {
    return Scope.tenant(TenantId.of("tenant-" + run + "-" + name));
  }

  @Test
  void holdsFromTwoPoolsNeverOverspendOneBudgetAndEachCostIsPostedOnce() {
    Scope shared = tenant("shared");
    east.stores().budgets().putBudget(Budget.of(shared, Money.usd("100"), BudgetPeriod.lifetime()));
    List<Scope> own = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      own.add(tenant("own-" + t));
      west.stores().budgets().putBudget(
          Budget.of(own.get(t), Money.usd("1000"), BudgetPeriod.lifetime()));
    }

    List<List<HoldId>> held = Concurrently.run(THREADS, t -> {
      List<HoldId> mine = new ArrayList<>();
      for (int i = 0; i < 40; i++) { // 16 x 40 = 640 asks against room for 100
        HoldId id = HoldId.of("hold-" + run + "-" + t + "-" + i);
        HoldRequest request = new HoldRequest(id, List.of(own.get(t), shared), Money.usd("1"),
            T0, T0.plusSeconds(300));
        if (replica(t).budgets().placeHold(request) instanceof HoldOutcome.Held) {
          mine.add(id);
        }
      }
      return mine;
    });

    int holds = held.stream().mapToInt(List::size).sum();
    assertThat(holds).isEqualTo(100);
    for (PostgresStores replica : List.of(east, west)) {
      BudgetSnapshot snap = replica.stores().budgets().snapshot(shared, T0).orElseThrow();
      assertThat(snap.held()).isEqualTo(Money.usd("100"));
      assertThat(snap.available()).isEqualTo(Money.ZERO);
    }

    // Each hold is settled by the replica that did not place it, then retried by the other one.
    List<Money> posted = Concurrently.run(THREADS, t -> {
      Money sum = Money.ZERO;
      for (int i = 0; i < held.get(t).size(); i++) {
        Money actual = Money.usd("1").minus(Money.ofNanoUsd(1 + t * 1_000L + i));
        List<Scope> scopes = List.of(own.get(t), shared);
        replica(t + 1).budgets().settle(held.get(t).get(i), scopes, T0, actual, T0.plusSeconds(1));
        replica(t).budgets().settle(held.get(t).get(i), scopes, T0, actual, T0.plusSeconds(2));
        sum = sum.plus(actual);
      }
      return sum;
    });

    BudgetSnapshot after = west.stores().budgets().snapshot(shared, T0).orElseThrow();
    assertThat(after.posted()).isEqualTo(posted.stream().reduce(Money.ZERO, Money::plus));
    assertThat(after.held()).isEqualTo(Money.ZERO);
    assertThat(after.posted()).isLessThanOrEqualTo(Money.usd("100"));
    assertThat(east.deadlocks() + west.deadlocks()).as("deadlocks").isZero();
  }

  @Test
  void twoPoolsAdmitExactlyOneRateLimit() {
    Scope shared = tenant("rate");
    east.stores().rates().putLimit(RateLimit.perMinute(shared, RateKind.REQUESTS, 200));

    List<Integer> admitted = Concurrently.run(THREADS, t -> {
      int count = 0;
      for (int i = 0; i < 30; i++) { // 480 asks against room for 200
        Instant now = T0.plusMillis((i * 997L + t * 31L) % 30_000);
        if (replica(t).rates().tryAcquire(List.of(shared), 1, 0, now)
            instanceof RateOutcome.Acquired) {
          count++;
        }
      }
      return count;
    });

    assertThat(admitted.stream().mapToInt(Integer::intValue).sum()).isEqualTo(200);
    assertThat(west.stores().rates().usage(shared, RateKind.REQUESTS, T0.plusSeconds(30))
        .orElseThrow().used()).isEqualTo(200);
    assertThat(east.deadlocks() + west.deadlocks()).as("deadlocks").isZero();
  }

  @Test
  void twoPoolsNeverTakeMoreSlotsThanTheLimit() {
    Scope shared = tenant("slots");
    west.stores().slots().putLimit(new ParallelLimit(shared, 50));

    List<Integer> taken = Concurrently.run(THREADS, t -> {
      int count = 0;
      for (int i = 0; i < 10; i++) { // 160 holders against 50 slots
        String holder = "holder-" + t + "-" + i;
        if (replica(t).slots().tryAcquire(List.of(shared), holder, T0.plusSeconds(60), T0)
            instanceof SlotOutcome.Acquired) {
          count++;
        }
      }
      return count;
    });

    assertThat(taken.stream().mapToInt(Integer::intValue).sum()).isEqualTo(50);
    assertThat(east.stores().slots().inUse(shared, T0)).isEqualTo(50);
  }
}
