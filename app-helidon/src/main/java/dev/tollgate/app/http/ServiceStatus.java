package dev.tollgate.app.http;

import dev.tollgate.adapter.local.SharedStateFailover;
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
 * @param clock the root's clock: when a stall began is now minus how long it has lasted
 */
public record ServiceStatus(
    Optional<StoreHealth> health, IntSupplier journalBacklog,
    Supplier<Optional<Duration>> journalStall, Optional<SharedStateFailover> sharedState,
    Clock clock) {

  /** Without a fast shared store beside the database (lease mode). */
  public ServiceStatus(Optional<StoreHealth> health, IntSupplier journalBacklog,
      Supplier<Optional<Duration>> journalStall, Clock clock) {
    this(health, journalBacklog, journalStall, Optional.empty(), clock);
  }

  /** In-memory stores: always ready, nothing to report. */
  public static ServiceStatus inMemory(Clock clock) {
    return new ServiceStatus(Optional.empty(), () -> 0, Optional::empty, clock);
  }

  /**
   * The database's own degradation; else Redis's (shared-state redis: its reason names it); else
   * a stuck journal forwarder, which is one too.
   */
  public Optional<StoreHealth.Degradation> degradation() {
    Optional<StoreHealth.Degradation> store = health.flatMap(StoreHealth::degradation);
    if (store.isPresent()) {
      return store;
    }
    Optional<StoreHealth.Degradation> redis = sharedState.flatMap(SharedStateFailover::degradation);
    if (redis.isPresent()) {
      return redis;
    }
    return journalStall.get().map(waited -> new StoreHealth.Degradation(
        clock.instant().minus(waited), "the spend journal has forwarded nothing for "
            + waited.toSeconds() + " s (" + journalBacklog.getAsInt() + " entries waiting)"));
  }

  /** What readiness says is unreachable: the database, unless the reason names Redis. */
  public String reasonOf(StoreHealth.Degradation d) {
    boolean redis = sharedState.flatMap(SharedStateFailover::degradation).filter(d::equals).isPresent()
        && health.flatMap(StoreHealth::degradation).isEmpty();
    return redis ? d.reason() : "database unreachable: " + d.reason();
  }

  /** Degraded but serving from local state (the allow switch is on). */
  public boolean servesWhileDegraded() {
    return health.map(StoreHealth::allowsRequestsOnUnavailable).orElse(true);
  }
}
