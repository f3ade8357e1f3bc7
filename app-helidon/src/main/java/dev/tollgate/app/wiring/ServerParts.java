package dev.tollgate.app.wiring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Inject;
import dev.tollgate.app.http.Gateway;
import dev.tollgate.app.http.ServiceStatus;
import dev.tollgate.app.metrics.Metrics;
import dev.tollgate.port.out.ConsoleSessionStore;
import dev.tollgate.service.Administration;
import java.time.Clock;
import java.util.random.RandomGenerator;

/**
 * What the HTTP server is assembled from, injected through its constructor in one piece: the
 * server asks the injector once, for this, instead of looking its parts up one by one.
 */
public record ServerParts(
    Gateway gateway, Metrics metrics, Administration admin, ServiceStatus status,
    ConsoleSessionStore consoleSessions, ObjectMapper mapper, Clock clock, RandomGenerator random) {

  @Inject
  public ServerParts {}
}
