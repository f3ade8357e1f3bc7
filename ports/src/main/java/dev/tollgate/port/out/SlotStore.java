package dev.tollgate.port.out;

import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.rate.ParallelLimit;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Parallel-request limits. A slot belongs to a holder (the request id) and lapses at its expiry,
 * so a crashed replica cannot keep a scope's slots taken.
 */
public interface SlotStore {

  void putLimit(ParallelLimit limit);

  boolean removeLimit(Scope scope);

  Optional<ParallelLimit> limitOf(Scope scope);

  /** Takes one slot for {@code holder} on every listed scope with a limit, or none. */
  SlotOutcome tryAcquire(List<Scope> scopes, String holder, Instant expiresAt, Instant now);

  /** Gives back the holder's slot on each scope; unknown holders are ignored. */
  void release(List<Scope> scopes, String holder);

  /** Slots in use on a scope now. */
  int inUse(Scope scope, Instant now);

  /**
   * What a replica mirrors of its own in-flight requests, in one step where the store can (one
   * transaction and round trip, where a loop of {@link #tryAcquire} and {@link #release} would make
   * one per holder): gives back the slots of {@code give} on {@code scope}, then takes a slot for
   * each of {@code take} in order while the scope has room, and reads its count. {@code take}
   * names holders that hold no slot on the scope. A scope without a limit takes every one and holds
   * no slot for them.
   *
   * @return how many of {@code take} were taken (the first ones), and the scope's slots in use
   *     after
   */
  default Mirrored mirror(
      Scope scope, List<String> give, List<String> take, Instant expiresAt, Instant now) {
    for (String holder : give) {
      release(List.of(scope), holder);
    }
    int taken = 0;
    for (String holder : take) {
      if (tryAcquire(List.of(scope), holder, expiresAt, now) instanceof SlotOutcome.Busy) {
        break;
      }
      taken++;
    }
    return new Mirrored(taken, inUse(scope, now));
  }

  /** The result of {@link #mirror}. */
  record Mirrored(int taken, int inUse) {}
}
