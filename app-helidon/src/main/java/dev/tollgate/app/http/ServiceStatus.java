package dev.tollgate.app.http;

import dev.tollgate.adapter.local.StoreHealth;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * What readiness and metrics report: the shared store's health (none for the in-memory stores,
 * which cannot be unreachable), the spend journal's backlog, and whether its forwarder is stuck.
 *
 * @param journalStall how long records have waited with no batch forwarded, once past the
 *     journal's bound (a silent database); empty while it keeps up
 */
public record ServiceStatus(
    Optional<StoreHealth> health, IntSupplier journalBacklog,
    Supplier<Optional<Duration>> journalStall) {

  /** In-memory stores: always ready, nothing to report. */
  public static ServiceStatus inMemory() {
    return new ServiceStatus(Optional.empty(), () -> 0, Optional::empty);
  }

  /** The database's own degradation; else a stuck journal forwarder, which is one too. */
  public Optional<StoreHealth.Degradation> degradation() {
    Optional<StoreHealth.Degradation> store = health.flatMap(StoreHealth::degradation);
    if (store.isPresent()) {
      return store;
    }
    return journalStall.get().map(waited -> new StoreHealth.Degradation(
        Clock.systemUTC().instant().minus(waited), "the spend journal has forwarded nothing for "
            + waited.toSeconds() + " s (" + journalBacklog.getAsInt() + " entries waiting)"));
  }

  /** Degraded but serving from local state (the allow switch is on). */
  public boolean servesWhileDegraded() {
    return health.map(StoreHealth::allowsRequestsOnUnavailable).orElse(true);
  }
}
