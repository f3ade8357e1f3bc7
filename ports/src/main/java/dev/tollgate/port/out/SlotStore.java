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
}
