package dev.tollgate.benchmarks;

import dev.tollgate.adapter.local.LeaseSettings;
import dev.tollgate.adapter.local.LeasedBudgetStore;
import dev.tollgate.adapter.local.StoreHealth;
import dev.tollgate.adapter.memory.InMemoryBudgetStore;
import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetPeriod;
import dev.tollgate.domain.budget.HoldId;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.out.HoldOutcome;
import dev.tollgate.port.out.HoldRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The local budget wing with many budgeted keys: one posting batch as the journal's forwarder
 * finishes it ({@code postingFinished}), under the lease book's lock that every request takes.
 * Each invocation settles {@value #BATCH} requests on random keys (each on its key's lease and the
 * tenant's), then posts them. The cost of the batch should not depend on how many keys have a
 * lease ({@code keys}): the posting marks each request on the leases it settled on.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar LeasePostingBenchmark -f 1 -wi 3 -i 5</pre>
 */
@BenchmarkMode({Mode.AverageTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
public class LeasePostingBenchmark {

  static final int BATCH = 200;

  private static final Instant T0 = Instant.parse("2030-03-14T10:00:00Z");
  private static final Scope TENANT = Scope.tenant(TenantId.of("bench"));

  @Param({"10", "1000", "10000"})
  public int keys;

  private LeasedBudgetStore budgets;
  private List<Scope> scopes;
  private final SplittableRandom random = new SplittableRandom(14);
  private long next;

  @Setup(Level.Trial)
  public void setUp() {
    InMemoryBudgetStore shared = new InMemoryBudgetStore();
    budgets = new LeasedBudgetStore(shared, LeaseSettings.defaults(), "bench",
        new StoreHealth(Clock.systemUTC(), true));
    shared.putBudget(Budget.of(TENANT, Money.usd("1000000"), BudgetPeriod.lifetime()));
    scopes = new ArrayList<>(keys);
    for (int i = 0; i < keys; i++) {
      Scope key = Scope.key(KeyId.of("key_" + i));
      shared.putBudget(Budget.of(key, Money.usd("1000000"), BudgetPeriod.lifetime()));
      scopes.add(key);
    }
    for (Scope key : scopes) { // every key holds a lease
      settleOne(key);
    }
  }

  @Benchmark
  public int settleAndPostABatch() {
    List<HoldId> batch = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      batch.add(settleOne(scopes.get(random.nextInt(scopes.size()))));
    }
    budgets.postingStarted();
    budgets.postingFinished(batch);
    return batch.size();
  }

  private HoldId settleOne(Scope key) {
    HoldId hold = HoldId.of("req:" + next++);
    List<Scope> on = List.of(key, TENANT);
    if (!(budgets.placeHold(new HoldRequest(hold, on, Money.usd("0.001"), T0,
        T0.plus(Duration.ofMinutes(15)))) instanceof HoldOutcome.Held)) {
      throw new IllegalStateException("a hold was refused");
    }
    budgets.settle(hold, on, T0, Money.usd("0.0005"), T0);
    return hold;
  }
}
