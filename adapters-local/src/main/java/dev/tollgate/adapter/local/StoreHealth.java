package dev.tollgate.adapter.local;

import dev.tollgate.port.out.StoreRefusedException;
import dev.tollgate.port.out.StoreUnavailableException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether the shared store answers, as seen by the background work that talks to it (lease
 * refills, syncs, a probe), and what to do when it does not: serve from local state
 * ({@code allowRequestsOnUnavailable}) or refuse every request with a
 * {@link StoreUnavailableException} (503). Also the counters the metrics route reports.
 */
public final class StoreHealth {

  /** Degraded since {@code since} because {@code reason}. */
  public record Degradation(Instant since, String reason) {}

  private final Clock clock;
  private final boolean allowRequestsOnUnavailable;
  private volatile Degradation degradation;
  private final AtomicLong storeErrors = new AtomicLong();
  private final AtomicLong storeRefusals = new AtomicLong();
  private final AtomicLong leaseRefills = new AtomicLong();
  private final AtomicLong syncs = new AtomicLong();

  public StoreHealth(Clock clock, boolean allowRequestsOnUnavailable) {
    this.clock = clock;
    this.allowRequestsOnUnavailable = allowRequestsOnUnavailable;
  }

  /** A call to the shared store succeeded. */
  public void reachable() {
    degradation = null;
  }

  /**
   * A call to the shared store failed; the first failure of an outage sets its start. A store
   * that answered and refused one statement ({@link StoreRefusedException}: bad data, a
   * constraint) is counted but is no outage: one tenant's bad input must not degrade the service
   * for every other.
   */
  public void unreachable(RuntimeException cause) {
    if (cause instanceof StoreRefusedException) {
      storeRefusals.incrementAndGet();
      return;
    }
    storeErrors.incrementAndGet();
    if (degradation == null) {
      degradation = new Degradation(clock.instant(), describe(cause));
    }
  }

  public Optional<Degradation> degradation() {
    return Optional.ofNullable(degradation);
  }

  public boolean isDegraded() {
    return degradation != null;
  }

  public boolean allowsRequestsOnUnavailable() {
    return allowRequestsOnUnavailable;
  }

  /** Throws when the store is down and requests must not be served without it. */
  public void requireServing() {
    Degradation d = degradation;
    if (d != null && !allowRequestsOnUnavailable) {
      throw new StoreUnavailableException("the database is unavailable since " + d.since()
          + " and tollgate.store.allow-requests-on-db-unavailable is off");
    }
  }

  void leaseRefilled() {
    leaseRefills.incrementAndGet();
  }

  void synced() {
    syncs.incrementAndGet();
  }

  public long storeErrors() {
    return storeErrors.get();
  }

  /** Statements the store refused while it was reachable; never a reason to degrade. */
  public long storeRefusals() {
    return storeRefusals.get();
  }

  public long leaseRefills() {
    return leaseRefills.get();
  }

  public long syncs() {
    return syncs.get();
  }

  private static String describe(RuntimeException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.length() > 200 ? message.substring(0, 200) : message;
  }
}
