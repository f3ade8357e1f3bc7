package dev.tollgate.port.out;

import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.rate.RateKind;
import dev.tollgate.domain.rate.RateLimit;
import dev.tollgate.domain.rate.RateReceipt;
import dev.tollgate.domain.rate.RateUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Request and token rate windows per scope. Shared by every replica that uses the same store, so
 * three replicas with a limit of 10 per minute admit 10 per minute, not 30.
 */
public interface RateWindowStore {

  /** Creates or replaces the limit of this scope and kind; counts already made are kept. */
  void putLimit(RateLimit limit);

  boolean removeLimit(Scope scope, RateKind kind);

  Optional<RateLimit> limitOf(Scope scope, RateKind kind);

  /**
   * Counts one request ({@code requests} units) and {@code tokens} units in every window of the
   * listed scopes that has a limit, or in none.
   */
  RateOutcome tryAcquire(List<Scope> scopes, long requests, long tokens, Instant now);

  /** Corrects what a receipt counted by {@code delta} (negative to give back). */
  void adjust(RateReceipt receipt, long delta, Instant now);

  Optional<RateUsage> usage(Scope scope, RateKind kind, Instant now);

  /**
   * What a replica pushes of its own counts, and reads back, in one step where the store can (one
   * transaction and round trip, where {@link #adjust} per bucket and then {@link #usage} made one
   * each): adds each of {@code deltas} (bucket index to units) to its bucket of the scope's window
   * of this kind, skipping a bucket that has left the window as {@link #adjust} does, then reads
   * the window's usage.
   */
  default Optional<RateUsage> push(
      Scope scope, RateKind kind, Map<Long, Long> deltas, Instant now) {
    for (Map.Entry<Long, Long> d : deltas.entrySet()) {
      if (d.getValue() != 0) {
        adjust(new RateReceipt(scope, kind, d.getKey(), 0, 0, 0, Duration.ZERO), d.getValue(), now);
      }
    }
    return usage(scope, kind, now);
  }
}
