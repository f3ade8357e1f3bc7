package dev.tollgate.adapter.local;

import java.time.Duration;

/**
 * Bounds of the local state.
 *
 * @param sliceDivisor a lease refill takes at most 1/sliceDivisor of what a budget has left, so
 *     replicas share the rest; a refill is never smaller than the request that needs it
 * @param leaseTtl a lease hold lapses on the shared store this long after it was taken, so a
 *     killed replica's slice returns to everyone
 * @param renewAhead a lease hold this close to lapsing is replaced in the background
 * @param syncInterval how often the background thread refills leases and syncs rate windows and
 *     slots with the shared store (the cross-replica lag of rate and slot counts)
 * @param refreshAfter how long a scope's budget or limit is trusted before it is read again
 * @param maxChunks most lease holds one scope keeps at once
 * @param maxScopes most scopes tracked locally; beyond, the least recently used are dropped
 * @param goneAfter how long a replica run must be answered gone (its process ended) before the
 *     other replicas give its lease holds back ({@link GoneRuns}); also how long a replica must
 *     itself reach the store before it judges others
 */
public record LeaseSettings(
    int sliceDivisor,
    Duration leaseTtl,
    Duration renewAhead,
    Duration syncInterval,
    Duration refreshAfter,
    int maxChunks,
    int maxScopes,
    Duration goneAfter) {

  public LeaseSettings {
    if (sliceDivisor < 1 || sliceDivisor > 1_000 || maxChunks < 2 || maxChunks > 16
        || maxScopes < 1 || renewAhead.compareTo(leaseTtl) >= 0 || syncInterval.isNegative()
        || syncInterval.isZero() || refreshAfter.isNegative() || goneAfter.compareTo(syncInterval) <= 0) {
      throw new IllegalArgumentException("invalid lease settings");
    }
  }

  /**
   * Quarter slices, 60 s leases renewed 20 s ahead, sync every 250 ms, limits re-read every 5 s,
   * a gone run's holds given back after 3 s.
   */
  public static LeaseSettings defaults() {
    return new LeaseSettings(4, Duration.ofSeconds(60), Duration.ofSeconds(20),
        Duration.ofMillis(250), Duration.ofSeconds(5), 4, 100_000, Duration.ofSeconds(3));
  }
}
