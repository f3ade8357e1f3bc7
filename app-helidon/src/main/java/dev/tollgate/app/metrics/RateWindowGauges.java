package dev.tollgate.app.metrics;

import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.rate.RateKind;
import dev.tollgate.domain.rate.RateReceipt;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rate-window use per limited scope and kind (requests or tokens), as the last admission saw
 * it: how much of the window is taken and its limit. Read from the admission's receipts, so a
 * scrape costs nothing and a request two atomic writes per limit it was counted against.
 */
final class RateWindowGauges {

  private final MeterRegistry registry;
  private final SeriesCap<ScopeKind, Window> windows;

  private record ScopeKind(Scope scope, RateKind kind) {}

  private record Window(AtomicLong used, AtomicLong limit) {}

  RateWindowGauges(MeterRegistry registry, int maxSeries) {
    this.registry = registry;
    this.windows = new SeriesCap<>(maxSeries,
        k -> window(k.scope().storageKey(), k.kind().name().toLowerCase(Locale.ROOT)),
        () -> window(SeriesCap.OTHER, SeriesCap.OTHER));
  }

  void observe(RateReceipt r) {
    Window w = windows.get(new ScopeKind(r.scope(), r.kind()));
    w.used().set(Math.max(0, r.limit() - r.remaining()));
    w.limit().set(r.limit());
  }

  private Window window(String scope, String kind) {
    Window w = new Window(new AtomicLong(), new AtomicLong());
    Gauge.builder("tollgate.rate_window.used", w.used(), AtomicLong::doubleValue)
        .description("requests or tokens counted in the current rate window, as last admitted")
        .tag("scope", scope).tag("kind", kind).register(registry);
    Gauge.builder("tollgate.rate_window.limit", w.limit(), AtomicLong::doubleValue)
        .description("the rate window's limit")
        .tag("scope", scope).tag("kind", kind).register(registry);
    return w;
  }
}
