package dev.tollgate.app.metrics;

import dev.tollgate.domain.admission.AdmissionTicket;
import dev.tollgate.domain.admission.DenialReason;
import dev.tollgate.domain.rate.RateReceipt;
import dev.tollgate.port.out.Endpoint;
import dev.tollgate.port.out.RequestOutcome;
import dev.tollgate.port.out.RequestTelemetry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The per-request meters: Tollgate's own (requests, spend, overhead, upstream latency, rate
 * windows) and the GenAI conventions' ({@link GenAi}). Each label combination's meter is made
 * once and cached ({@link SeriesCap}); a request costs a few map lookups and atomic adds.
 */
public final class RequestMeters implements RequestTelemetry {

  private final MeterRegistry registry;
  private final BudgetGauges budgets;
  private final SeriesCap<RequestKey, Counter> requests;
  private final SpendCounters spend;
  private final GenAiMeters genAi;
  private final RateWindowGauges rates;
  private final Map<Endpoint, Timer> overhead = new EnumMap<>(Endpoint.class);
  private final Map<Endpoint, Timer> upstream = new EnumMap<>(Endpoint.class);

  private record RequestKey(Endpoint endpoint, int status, DenialReason denial) {}

  public RequestMeters(MeterRegistry registry, int maxSeries, String provider, BudgetGauges budgets) {
    this.registry = registry;
    this.budgets = budgets;
    this.requests = new SeriesCap<>(maxSeries,
        k -> requestCounter(k.endpoint().path(), Integer.toString(k.status()), reason(k.denial())),
        () -> requestCounter(SeriesCap.OTHER, SeriesCap.OTHER, SeriesCap.OTHER));
    this.spend = new SpendCounters(registry, maxSeries);
    this.genAi = new GenAiMeters(registry, maxSeries, provider);
    this.rates = new RateWindowGauges(registry, maxSeries);
    for (Endpoint e : Endpoint.values()) {
      overhead.put(e, Timer.builder("tollgate.gateway.overhead")
          .description("time spent in Tollgate on a /v1 request, excluding the wait on the data plane")
          .tag("route", e.path())
          .serviceLevelObjectives(OVERHEAD_BUCKETS)
          .register(registry));
      upstream.put(e, Timer.builder("tollgate.upstream.duration")
          .description("time waiting on the data plane: its response head, then the body relayed")
          .tag("route", e.path())
          .serviceLevelObjectives(GenAi.DURATION_BUCKETS)
          .register(registry));
    }
  }

  private static final java.time.Duration[] OVERHEAD_BUCKETS = millis(
      0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 1000);

  @Override
  public void answered(RequestOutcome o) {
    requests.get(new RequestKey(o.endpoint(), o.status(), o.denial().orElse(null))).increment();
    overhead.get(o.endpoint()).record(Math.max(0, o.overheadNanos()), TimeUnit.NANOSECONDS);
    if (o.ticket().isEmpty()) {
      return;
    }
    AdmissionTicket ticket = o.ticket().get();
    String model = ticket.model().name().value();
    if (o.upstreamNanos() >= 0) {
      upstream.get(o.endpoint()).record(o.upstreamNanos(), TimeUnit.NANOSECONDS);
    }
    spend.add(ticket.key().owner().tenant().value(), model, o.recordedCost().nanoUsd());
    genAi.record(o, model);
    for (RateReceipt r : ticket.rateReceipts()) {
      rates.observe(r);
    }
    budgets.saw(ticket.key(), ticket.model().name());
  }

  private Counter requestCounter(String route, String status, String reason) {
    return Counter.builder("tollgate.requests")
        .description("/v1 requests answered, by route, status and denial reason")
        .tag("route", route).tag("status", status).tag("reason", reason)
        .register(registry);
  }

  private static String reason(DenialReason denial) {
    return denial == null ? "none" : denial.name().toLowerCase(Locale.ROOT);
  }

  private static java.time.Duration[] millis(double... boundaries) {
    java.time.Duration[] out = new java.time.Duration[boundaries.length];
    for (int i = 0; i < boundaries.length; i++) {
      out[i] = java.time.Duration.ofNanos(Math.round(boundaries[i] * 1e6));
    }
    return out;
  }
}
