package dev.tollgate.app.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Spend by tenant and model, in nano-USD: an exact {@code long} per series underneath, which the
 * scrape reads. (Prometheus carries every sample as a float64, exact for integers up to 2^53
 * nano-USD, about 9 million USD per series; past that the exposition rounds, the count does not.)
 * Only what the ledger recorded is added, so the counter and the ledger agree.
 */
final class SpendCounters {

  private final MeterRegistry registry;
  private final SeriesCap<TenantModel, AtomicLong> series;

  private record TenantModel(String tenant, String model) {}

  SpendCounters(MeterRegistry registry, int maxSeries) {
    this.registry = registry;
    this.series = new SeriesCap<>(maxSeries, k -> counter(k.tenant(), k.model()),
        () -> counter(SeriesCap.OTHER, SeriesCap.OTHER));
  }

  void add(String tenant, String model, long nanoUsd) {
    if (nanoUsd == 0) {
      return;
    }
    series.get(new TenantModel(tenant, model)).addAndGet(nanoUsd);
  }

  private AtomicLong counter(String tenant, String model) {
    AtomicLong total = new AtomicLong();
    FunctionCounter.builder("tollgate.spend.nano_usd", total, AtomicLong::doubleValue)
        .description("spend recorded in the ledger, in nano-USD (1e-9 USD)")
        .tag("tenant", tenant).tag("model", model)
        .register(registry);
    return total;
  }
}
