package dev.tollgate.app.metrics;

import dev.tollgate.app.config.MetricsSettings;
import dev.tollgate.app.http.ServiceStatus;
import dev.tollgate.port.out.BudgetStore;
import dev.tollgate.port.out.RequestTelemetry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The service's meters, built once: the Prometheus registry with the JVM and process binders,
 * the status gauges, the budget gauges and, unless turned off, the per-request meters and the
 * HTTP server filter. Close it to stop the budget refresher and the GC listener.
 */
public final class Metrics implements AutoCloseable {

  private final PrometheusMeterRegistry registry;
  private final RequestTelemetry telemetry;
  private final Optional<HttpServerMeters> http;
  private final BudgetGauges budgets;
  private final JvmGcMetrics gc;

  private Metrics(PrometheusMeterRegistry registry, RequestTelemetry telemetry,
      Optional<HttpServerMeters> http, BudgetGauges budgets, JvmGcMetrics gc) {
    this.registry = registry;
    this.telemetry = telemetry;
    this.http = http;
    this.budgets = budgets;
    this.gc = gc;
  }

  /**
   * @param routes the paths the HTTP server meters name on their own
   */
  public static Metrics create(MetricsSettings settings, ServiceStatus status,
      BudgetStore budgetStore, Clock clock, List<String> routes) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(new ExpositionLint());
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    StatusMeters.bind(registry, status);
    int max = settings.maxSeriesPerMetric();
    BudgetGauges budgets =
        new BudgetGauges(registry, budgetStore, clock, max, settings.budgetRefresh());
    if (!settings.requestMetrics()) {
      return new Metrics(registry, RequestTelemetry.NONE, Optional.empty(), budgets, gc);
    }
    return new Metrics(registry, new RequestMeters(registry, max, settings.genAiProvider(), budgets),
        Optional.of(new HttpServerMeters(registry, routes, max)), budgets, gc);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** What the {@code /v1} handlers report to: the meters, or nothing when they are off. */
  public RequestTelemetry telemetry() {
    return telemetry;
  }

  /** The HTTP server filter, when request metrics are on. */
  public Optional<HttpServerMeters> httpServer() {
    return http;
  }

  public MetricsEndpoint endpoint() {
    return new MetricsEndpoint(registry);
  }

  /** Re-reads the budget gauges now (tests; the refresher does it on its own schedule). */
  public void refreshBudgets() {
    budgets.refresh();
  }

  @Override
  public void close() {
    budgets.close();
    gc.close();
    registry.close();
  }
}
