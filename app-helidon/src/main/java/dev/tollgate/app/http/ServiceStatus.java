package dev.tollgate.app.http;

import dev.tollgate.adapter.lease.StoreHealth;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * What readiness and metrics report: the shared store's health (none for the in-memory stores,
 * which cannot be unreachable) and the spend journal's backlog.
 */
public record ServiceStatus(Optional<StoreHealth> health, IntSupplier journalBacklog) {

  /** In-memory stores: always ready, nothing to report. */
  public static ServiceStatus inMemory() {
    return new ServiceStatus(Optional.empty(), () -> 0);
  }

  public Optional<StoreHealth.Degradation> degradation() {
    return health.flatMap(StoreHealth::degradation);
  }

  /** Degraded but serving from local state (the allow switch is on). */
  public boolean servesWhileDegraded() {
    return health.map(StoreHealth::allowsRequestsOnUnavailable).orElse(true);
  }
}
