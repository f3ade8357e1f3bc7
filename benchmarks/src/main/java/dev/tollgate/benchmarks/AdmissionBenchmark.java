package dev.tollgate.benchmarks;

import dev.tollgate.domain.admission.Admission;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.port.in.AuthorizeCommand;
import dev.tollgate.port.in.SettleCommand;
import dev.tollgate.port.in.SettlementReceipt;
import dev.tollgate.service.AdmissionSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The engine's per-request work with every economic check on. Run with {@code -t 1} for the cost
 * of one request and {@code -t 2} to see the stores' locks under contention.
 *
 * <ul>
 *   <li>{@code authorize}: key parse and hash, key lookup, policy, model and price, parallel slot,
 *       both rate windows, budget hold. Nothing is settled; a {@link TickingClock} lapses holds and
 *       slots after {@value #IN_FLIGHT} admissions, so about that many requests stay in flight.
 *       The budget store forgets a lapsed hold only when it is swept (the service sweeps every 30 s
 *       and settles every hold); this loop sweeps every {@value #SWEEP_EVERY} admissions so the
 *       store does not grow for the whole iteration. The sweep's cost is part of the figure.
 *   <li>{@code authorizeAndSettle}: the full economic round trip on the system clock: admit, then
 *       price the reported usage, post it on the budget (releasing the rest of the hold), correct
 *       the token window, give back the slot and append the ledger entry.
 * </ul>
 *
 * The engine is rebuilt before every iteration so the ledger (one entry per round trip) never
 * grows past one iteration's worth.
 */
@BenchmarkMode({Mode.AverageTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "--sun-misc-unsafe-memory-access=allow"})
@State(Scope.Benchmark)
public class AdmissionBenchmark {

  /** Requests left in flight by the authorize-only loop, as under 32 connections. */
  static final int IN_FLIGHT = 32;

  static final int SWEEP_EVERY = 1024;

  /** The usage the mock upstream reports for every request. */
  private static final TokenUsage USAGE = TokenUsage.of(12, 8);

  private BenchEngine ticking;
  private BenchEngine wallClock;

  @Setup(Level.Iteration)
  public void setUp() {
    // Mid-month, so no run crosses a budget window.
    Duration lifetime = Duration.ofNanos(IN_FLIGHT * 1_000L);
    ticking = BenchEngine.create(
        new TickingClock(Instant.parse("2026-01-15T00:00:00Z"), 1_000),
        new AdmissionSettings(lifetime, lifetime));
    wallClock = BenchEngine.create(Clock.systemUTC(), AdmissionSettings.DEFAULTS);
  }

  @Benchmark
  public Admission authorize(RequestIdSource ids) {
    Admission.Admitted admitted = admitted(ticking, ids);
    if (ids.issued() % SWEEP_EVERY == 0) {
      ticking.tollgate().sweeper().sweep();
    }
    return admitted;
  }

  @Benchmark
  public SettlementReceipt authorizeAndSettle(RequestIdSource ids) {
    Admission.Admitted admitted = admitted(wallClock, ids);
    return wallClock.tollgate().settle().settle(SettleCommand.completed(admitted.ticket(), USAGE));
  }

  private static Admission.Admitted admitted(BenchEngine engine, RequestIdSource ids) {
    Admission admission = engine.tollgate().authorize().authorize(
        AuthorizeCommand.of(engine.presented(), BenchEngine.MODEL, ids.next(),
            BenchEngine.PROMPT_TOKENS, BenchEngine.MAX_COMPLETION_TOKENS));
    // A refusal would make the figure meaningless (a denial is far cheaper than an admission).
    if (admission instanceof Admission.Admitted admitted) {
      return admitted;
    }
    throw new IllegalStateException("the benchmark's request was refused: " + admission);
  }
}
