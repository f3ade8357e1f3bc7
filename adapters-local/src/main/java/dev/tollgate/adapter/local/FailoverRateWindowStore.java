package dev.tollgate.adapter.local;

import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.rate.RateKind;
import dev.tollgate.domain.rate.RateLimit;
import dev.tollgate.domain.rate.RateReceipt;
import dev.tollgate.port.out.RateOutcome;
import dev.tollgate.domain.rate.RateUsage;
import dev.tollgate.port.out.RateWindowStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Rate windows on a fast shared store (Redis), on the local synced windows while it is down
 * ({@link SharedStateFailover}). What the local windows counted is replayed into the fast store's
 * buckets (the same bucket index: both count as domain {@code RateWindow} does), so when it is
 * trusted again its windows hold the outage's requests too; a bucket that left the window by then
 * no longer counts anyway. Local windows start from the durable store's count, which lacks the
 * fast store's; {@link LastSeenWindows} keeps each from admitting more than the fast store's last
 * answer left.
 */
public final class FailoverRateWindowStore implements RateWindowStore {

  private final RateWindowStore fast;
  private final RateWindowStore local;
  private final SharedStateFailover failover;
  private final LastSeenWindows lastSeen = new LastSeenWindows();
  private final Routes<RateReceipt, Boolean> countedLocally =
      new Routes<>(SharedStateFailover.MAX_ROUTES);

  public FailoverRateWindowStore(
      RateWindowStore fast, RateWindowStore local, SharedStateFailover failover) {
    this.fast = fast;
    this.local = local;
    this.failover = failover;
  }

  @Override
  public void putLimit(RateLimit limit) {
    fast.putLimit(limit);
  }

  @Override
  public boolean removeLimit(Scope scope, RateKind kind) {
    return fast.removeLimit(scope, kind);
  }

  @Override
  public Optional<RateLimit> limitOf(Scope scope, RateKind kind) {
    return fast.limitOf(scope, kind);
  }

  @Override
  public RateOutcome tryAcquire(List<Scope> scopes, long requests, long tokens, Instant now) {
    SharedStateFailover.Served<RateOutcome> served = failover.serve(
        () -> fast.tryAcquire(scopes, requests, tokens, now),
        () -> countLocally(scopes, requests, tokens, now));
    if (!served.local() && served.value() instanceof RateOutcome.Acquired acquired) {
      countedFast(acquired.receipts(), now);
    }
    return served.value();
  }

  /** The fast store counted these: what its windows then held caps the local ones later. */
  void countedFast(List<RateReceipt> receipts, Instant now) {
    lastSeen.observe(receipts, now);
  }

  /**
   * The local windows' count, capped by the fast store's last view, and owed to the fast store
   * (replayed into its buckets when it is back).
   */
  RateOutcome countLocally(List<Scope> scopes, long requests, long tokens, Instant now) {
    RateOutcome outcome = local.tryAcquire(scopes, requests, tokens, now);
    if (outcome instanceof RateOutcome.Acquired acquired) {
      Optional<RateOutcome.Limited> over = lastSeen.admit(acquired.receipts(), now);
      if (over.isPresent()) {
        acquired.receipts().forEach(r -> local.adjust(r, -r.amount(), now));
        return over.get();
      }
      for (RateReceipt r : acquired.receipts()) {
        countedLocally.put(r, true);
        failover.tell(at -> fast.adjust(r, r.amount(), at), false, now);
      }
    }
    return outcome;
  }

  @Override
  public void adjust(RateReceipt receipt, long delta, Instant now) {
    adjustLocally(receipt, delta, now);
    failover.tell(at -> fast.adjust(receipt, delta, at), false, now);
  }

  /** The local part of a correction: on the local windows when they counted the receipt. */
  void adjustLocally(RateReceipt receipt, long delta, Instant now) {
    if (countedLocally.contains(receipt)) {
      local.adjust(receipt, delta, now);
    }
  }

  @Override
  public Optional<RateUsage> usage(Scope scope, RateKind kind, Instant now) {
    return failover.serve(() -> fast.usage(scope, kind, now), () -> local.usage(scope, kind, now))
        .value();
  }
}
