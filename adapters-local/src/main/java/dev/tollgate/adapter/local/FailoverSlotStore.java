package dev.tollgate.adapter.local;

import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.rate.ParallelLimit;
import dev.tollgate.port.out.SlotOutcome;
import dev.tollgate.port.out.SlotStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Parallel slots on a fast shared store (Redis), on the local synced slots while it is down
 * ({@link SharedStateFailover}). A slot is given back where it was taken; a give-back the fast
 * store missed is replayed when it is back (else the slot would stay taken until it lapses).
 */
public final class FailoverSlotStore implements SlotStore {

  private final SlotStore fast;
  private final SlotStore local;
  private final SharedStateFailover failover;
  private final Routes<String, Boolean> takenLocally = new Routes<>(SharedStateFailover.MAX_ROUTES);

  public FailoverSlotStore(SlotStore fast, SlotStore local, SharedStateFailover failover) {
    this.fast = fast;
    this.local = local;
    this.failover = failover;
  }

  @Override
  public void putLimit(ParallelLimit limit) {
    fast.putLimit(limit);
  }

  @Override
  public boolean removeLimit(Scope scope) {
    return fast.removeLimit(scope);
  }

  @Override
  public Optional<ParallelLimit> limitOf(Scope scope) {
    return fast.limitOf(scope);
  }

  @Override
  public SlotOutcome tryAcquire(List<Scope> scopes, String holder, Instant expiresAt, Instant now) {
    return failover.serve(() -> fast.tryAcquire(scopes, holder, expiresAt, now),
        () -> acquireLocally(scopes, holder, expiresAt, now)).value();
  }

  /** The local state's take, remembered so that the give-back goes there too. */
  SlotOutcome acquireLocally(List<Scope> scopes, String holder, Instant expiresAt, Instant now) {
    SlotOutcome outcome = local.tryAcquire(scopes, holder, expiresAt, now);
    if (outcome instanceof SlotOutcome.Acquired) {
      takenLocally.put(holder, true);
    }
    return outcome;
  }

  @Override
  public void release(List<Scope> scopes, String holder) {
    if (!releaseLocally(scopes, holder)) {
      failover.tell(at -> fast.release(scopes, holder), false);
    }
  }

  /** True when the holder's slots were taken locally, and are now given back there. */
  boolean releaseLocally(List<Scope> scopes, String holder) {
    if (takenLocally.remove(holder).isPresent()) {
      local.release(scopes, holder);
      return true;
    }
    return false;
  }

  @Override
  public int inUse(Scope scope, Instant now) {
    return failover.serve(() -> fast.inUse(scope, now), () -> local.inUse(scope, now)).value();
  }
}
