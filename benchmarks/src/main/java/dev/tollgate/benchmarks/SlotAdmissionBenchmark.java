package dev.tollgate.benchmarks;

import dev.tollgate.adapter.local.LeaseSettings;
import dev.tollgate.adapter.local.StoreHealth;
import dev.tollgate.adapter.local.SyncedSlotStore;
import dev.tollgate.adapter.memory.InMemorySlotStore;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.rate.ParallelLimit;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.out.SlotOutcome;
import dev.tollgate.port.out.SlotStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
 * Parallel-request slots with many requests in flight on one scope (long streams on one tenant):
 * one admission and its release, under the lock every request takes (the local wing's, or the
 * memory store's). The cost
 * should not depend on how many requests are in flight ({@code inFlight}) while the scope is far
 * from its limit.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar SlotAdmissionBenchmark -f 1 -wi 3 -i 5</pre>
 */
@BenchmarkMode({Mode.AverageTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
public class SlotAdmissionBenchmark {

  private static final Instant T0 = Instant.parse("2030-03-14T10:00:00Z");
  private static final Instant EXPIRES = T0.plus(Duration.ofMinutes(15));
  private static final List<Scope> ON = List.of(Scope.tenant(TenantId.of("bench")));

  @Param({"10", "1000", "10000"})
  public int inFlight;

  /** {@code synced}: the local wing (lease and Redis modes); {@code memory}: the memory store. */
  @Param({"synced", "memory"})
  public String store;

  private SlotStore slots;

  @Setup(Level.Trial)
  public void setUp() {
    InMemorySlotStore shared = new InMemorySlotStore();
    shared.putLimit(new ParallelLimit(ON.getFirst(), 1_000_000));
    slots = store.equals("memory") ? shared : new SyncedSlotStore(shared, LeaseSettings.defaults(),
        "bench", new StoreHealth(Clock.systemUTC(), true));
    for (int i = 0; i < inFlight; i++) {
      acquire("stream-" + i);
    }
  }

  @Benchmark
  public Object admitAndRelease() {
    SlotOutcome outcome = acquire("req");
    slots.release(ON, "req");
    return outcome;
  }

  private SlotOutcome acquire(String holder) {
    SlotOutcome outcome = slots.tryAcquire(ON, holder, EXPIRES, T0);
    if (!(outcome instanceof SlotOutcome.Acquired)) {
      throw new IllegalStateException("a slot was refused: " + outcome);
    }
    return outcome;
  }
}
