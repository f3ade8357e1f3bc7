package dev.tollgate.app.metrics;

import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.key.VirtualKey;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.budget.BudgetSnapshot;
import dev.tollgate.port.out.BudgetStore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Budget limit, posted, held and remaining per budgeted scope, in nano-USD. The scopes are the
 * budget chains of the keys and models this replica has served (at most {@code maxSeries}); a
 * background thread reads all their snapshots in one batch every {@code refresh} through the
 * served budget store (local state over the shared store: one batched read per interval, never
 * one per scrape or per scope, never on a request's path), and a scrape reads the last values.
 */
public final class BudgetGauges implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(BudgetGauges.class.getName());

  private final MeterRegistry registry;
  private final BudgetStore budgets;
  private final Clock clock;
  private final int maxSeries;
  private final Map<KeyModel, Owner> served = new ConcurrentHashMap<>();
  private final SeriesCap<String, Amounts> gauges;
  private final AtomicLong refreshFailures = new AtomicLong();
  private final ScheduledExecutorService timer;

  private record KeyModel(KeyId key, ModelName model) {}

  private record Amounts(AtomicLong limit, AtomicLong posted, AtomicLong held, AtomicLong remaining) {}

  public BudgetGauges(MeterRegistry registry, BudgetStore budgets, Clock clock, int maxSeries,
      Duration refresh) {
    this.registry = registry;
    this.budgets = budgets;
    this.clock = clock;
    this.maxSeries = maxSeries;
    this.gauges = new SeriesCap<>(maxSeries, this::amounts, () -> amounts(SeriesCap.OTHER));
    FunctionCounter.builder("tollgate.metrics.budget_refresh_failures", refreshFailures,
            AtomicLong::doubleValue)
        .description("budget gauge refreshes that failed (the gauges kept their last values)")
        .register(registry);
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "tollgate-budget-gauges");
      t.setDaemon(true);
      return t;
    });
    long every = refresh.toMillis();
    timer.scheduleWithFixedDelay(this::refreshQuietly, every, every, TimeUnit.MILLISECONDS);
  }

  /** A request of this key for this model was admitted: its budget chain is worth watching. */
  void saw(VirtualKey key, ModelName model) {
    KeyModel k = new KeyModel(key.id(), model);
    if (!served.containsKey(k) && served.size() < maxSeries) {
      served.putIfAbsent(k, key.owner());
    }
  }

  /** Reads every watched scope's snapshot in one batch and updates the gauges. */
  void refresh() {
    Map<String, Scope> scopes = new LinkedHashMap<>();
    for (Map.Entry<KeyModel, Owner> e : served.entrySet()) {
      for (Scope s : Scope.chainOf(e.getValue(), e.getKey().key(), e.getKey().model())) {
        scopes.putIfAbsent(s.storageKey(), s);
      }
    }
    if (scopes.isEmpty()) {
      return;
    }
    for (BudgetSnapshot s : budgets.snapshots(new ArrayList<>(scopes.values()), clock.instant())) {
      Amounts a = gauges.get(s.budget().scope().storageKey());
      a.limit().set(s.budget().limit().nanoUsd());
      a.posted().set(s.posted().nanoUsd());
      a.held().set(s.held().nanoUsd());
      a.remaining().set(s.remaining().nanoUsd());
    }
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (RuntimeException e) { // an outage: the gauges keep their last values
      refreshFailures.incrementAndGet();
      LOG.log(Level.FINE, "budget gauges not refreshed", e);
    }
  }

  private Amounts amounts(String scope) {
    Amounts a = new Amounts(new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong());
    gauge("tollgate.budget.limit.nano_usd", "the budget's limit this period", scope, a.limit());
    gauge("tollgate.budget.posted.nano_usd", "spend posted on the budget this period", scope, a.posted());
    gauge("tollgate.budget.held.nano_usd", "held for requests in flight", scope, a.held());
    gauge("tollgate.budget.remaining.nano_usd", "what new requests may still spend", scope,
        a.remaining());
    return a;
  }

  private void gauge(String name, String help, String scope, AtomicLong value) {
    Gauge.builder(name, value, AtomicLong::doubleValue).description(help).tag("scope", scope)
        .register(registry);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
