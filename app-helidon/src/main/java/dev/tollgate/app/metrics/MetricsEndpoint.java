package dev.tollgate.app.metrics;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;

/** {@code GET /metrics}: the registry in the Prometheus text format (version 0.0.4). */
public final class MetricsEndpoint implements Handler {

  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry;

  public MetricsEndpoint(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void handle(ServerRequest req, ServerResponse res) {
    res.header(HeaderNames.CONTENT_TYPE, CONTENT_TYPE);
    res.send(registry.scrape().getBytes(StandardCharsets.UTF_8));
  }
}
