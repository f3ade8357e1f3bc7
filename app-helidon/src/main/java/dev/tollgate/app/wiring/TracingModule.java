package dev.tollgate.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.tollgate.app.config.GatewayConfig;
import dev.tollgate.app.tracing.Tracing;

/**
 * The service's tracer ({@code tollgate.tracing.*}, docs/observability.md#traces); closed with
 * the rest, which exports the spans still queued.
 */
public final class TracingModule extends AbstractModule {

  private final Closer closer;

  public TracingModule(Closer closer) {
    this.closer = closer;
  }

  @Provides
  @Singleton
  Tracing tracing(GatewayConfig config) {
    return closer.register(
        Tracing.start(config.observability().tracing(), config.metrics().genAiProvider()));
  }
}
