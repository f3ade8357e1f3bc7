package dev.tollgate.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.tollgate.app.config.GatewayConfig;
import dev.tollgate.app.http.ServiceStatus;
import dev.tollgate.app.metrics.Metrics;
import dev.tollgate.port.out.Stores;
import java.time.Clock;
import java.util.List;

/** The service's meters over the served stores (docs/observability.md); closed with the rest. */
public final class MetricsModule extends AbstractModule {

  private final Closer closer;
  private final List<String> routes;

  /** @param routes the paths the HTTP server meters name on their own */
  public MetricsModule(Closer closer, List<String> routes) {
    this.closer = closer;
    this.routes = List.copyOf(routes);
  }

  @Provides
  @Singleton
  Metrics metrics(GatewayConfig config, ServiceStatus status, Stores stores, Clock clock) {
    return closer.register(
        Metrics.create(config.metrics(), status, stores.budgets(), clock, routes));
  }
}
