package dev.tollgate.app.metrics;

import dev.tollgate.adapter.local.SharedStateFailover;
import dev.tollgate.adapter.local.StoreHealth;
import dev.tollgate.app.http.ServiceStatus;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;

/**
 * The service's health as meters, read at scrape time from local state: degradation, the spend
 * journal's backlog and lag, and the shared store's counters (errors, refusals, lease refills,
 * syncs). The first seven keep the names the hand-written exposition had.
 */
final class StatusMeters {

  private StatusMeters() {}

  static void bind(MeterRegistry registry, ServiceStatus status) {
    gauge(registry, "tollgate.degraded", "1 while the database is unreachable",
        () -> status.degradation().isPresent() ? 1 : 0);
    gauge(registry, "tollgate.journal.backlog.entries",
        "spend records written locally, not yet in the ledger",
        () -> status.journalBacklog().getAsInt());
    gauge(registry, "tollgate.journal.stalled", "1 while the journal forwarder makes no progress",
        () -> status.journalStall().get().isPresent() ? 1 : 0);
    gauge(registry, "tollgate.ledger.lag.seconds",
        "how long journaled spend has waited with nothing forwarded (0 while the forwarder keeps up)",
        () -> status.journalStall().get().map(Duration::toSeconds).orElse(0L));
    gauge(registry, "tollgate.shared_state.up",
        "1 while the shared store (PostgreSQL, and Redis when configured) answers",
        () -> status.health().map(h -> h.isDegraded() ? 0 : 1).orElse(1));
    gauge(registry, "tollgate.serving_while_degraded",
        "1 when requests are served from local state during an outage (the allow switch)",
        () -> status.servesWhileDegraded() ? 1 : 0);
    status.health().ifPresent(h -> {
      counter(registry, "tollgate.store.errors", "failed calls to the shared store", h,
          StoreHealth::storeErrors);
      counter(registry, "tollgate.store.refusals",
          "statements the reachable store refused (not an outage)", h, StoreHealth::storeRefusals);
      counter(registry, "tollgate.lease.refills", "budget lease holds placed on the shared store",
          h, StoreHealth::leaseRefills);
      counter(registry, "tollgate.local.syncs", "background syncs of local state", h,
          StoreHealth::syncs);
    });
    status.sharedState().ifPresent(f -> bindRedis(registry, f));
  }

  /** Redis mode (shared-state redis): its outages, what the local state served, the replays. */
  private static void bindRedis(MeterRegistry registry, SharedStateFailover f) {
    gauge(registry, "tollgate.redis.degraded",
        "1 while Redis is unreachable and the local state serves",
        () -> f.degradation().isPresent() ? 1 : 0);
    gauge(registry, "tollgate.redis.replay.pending",
        "operations owed to Redis, replayed when it answers again", f::replayPending);
    FunctionCounter.builder("tollgate.redis.outages", f, SharedStateFailover::outages)
        .description("Redis outages noticed").register(registry);
    FunctionCounter.builder("tollgate.redis.failed.calls", f, SharedStateFailover::failedCalls)
        .description("Redis calls that failed or timed out (each answered locally, or a 503 with"
            + " the switch off)").register(registry);
    FunctionCounter.builder("tollgate.redis.served.locally", f, SharedStateFailover::servedLocally)
        .description("calls the local state answered because Redis was down").register(registry);
    FunctionCounter.builder("tollgate.redis.replayed", f, SharedStateFailover::replayed)
        .description("operations replayed into Redis after an outage").register(registry);
    FunctionCounter.builder("tollgate.redis.replay.dropped", f, SharedStateFailover::replayDropped)
        .description("owed operations not replayed (queue full, or refused)").register(registry);
    FunctionCounter.builder("tollgate.redis.carry.uncovered.nano.usd", f,
            SharedStateFailover::uncoveredNanoUsd)
        .description("nano-USD of running requests' holds carried into local state, or placed again"
            + " on a restarted Redis, without cover: what a budget may be overspent by")
        .register(registry);
  }

  private static void gauge(MeterRegistry registry, String name, String help,
      java.util.function.LongSupplier value) {
    Gauge.builder(name, value, LongSupplierValue.INSTANCE).description(help).strongReference(true)
        .register(registry);
  }

  private static void counter(MeterRegistry registry, String name, String help, StoreHealth h,
      java.util.function.ToLongFunction<StoreHealth> value) {
    FunctionCounter.builder(name, h, x -> value.applyAsLong(x)).description(help).register(registry);
  }

  /** Reads a {@code long} gauge; the exposition format carries it as a float. */
  private enum LongSupplierValue implements java.util.function.ToDoubleFunction<java.util.function.LongSupplier> {
    INSTANCE;

    @Override
    public double applyAsDouble(java.util.function.LongSupplier s) {
      return s.getAsLong();
    }
  }
}
