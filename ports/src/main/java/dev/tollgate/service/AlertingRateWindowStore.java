package dev.tollgate.service;

import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.rate.RateKind;
import dev.tollgate.domain.rate.RateLimit;
import dev.tollgate.domain.rate.RateReceipt;
import dev.tollgate.domain.rate.RateUsage;
import dev.tollgate.port.out.RateOutcome;
import dev.tollgate.port.out.RateWindowStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A rate window store that reports each refusal it answers to {@link AlertDetector} (one
 * non-blocking offer), for {@code rate_limit.sustained}. Everything else is passed through.
 */
public final class AlertingRateWindowStore implements RateWindowStore {

  private final RateWindowStore delegate;
  private final AlertDetector detector;

  public AlertingRateWindowStore(RateWindowStore delegate, AlertDetector detector) {
    this.delegate = delegate;
    this.detector = detector;
  }

  @Override
  public RateOutcome tryAcquire(List<Scope> scopes, long requests, long tokens, Instant now) {
    RateOutcome outcome = delegate.tryAcquire(scopes, requests, tokens, now);
    reportRate(detector, scopes, outcome, now);
    return outcome;
  }

  /** Tells the detector of a rate limit that refused. */
  static void reportRate(AlertDetector detector, List<Scope> scopes, RateOutcome outcome,
      Instant now) {
    if (outcome instanceof RateOutcome.Limited limited && detector.watchesRateLimits()
        && !scopes.isEmpty()) {
      RateLimit l = limited.limit();
      detector.offer(new AlertSignal.RateLimited(AlertSignal.tenantOf(scopes), l.scope(), l.kind(),
          l.limit(), now));
    }
  }

  @Override
  public void putLimit(RateLimit limit) {
    delegate.putLimit(limit);
  }

  @Override
  public boolean removeLimit(Scope scope, RateKind kind) {
    return delegate.removeLimit(scope, kind);
  }

  @Override
  public Optional<RateLimit> limitOf(Scope scope, RateKind kind) {
    return delegate.limitOf(scope, kind);
  }

  @Override
  public void adjust(RateReceipt receipt, long delta, Instant now) {
    delegate.adjust(receipt, delta, now);
  }

  @Override
  public Optional<RateUsage> usage(Scope scope, RateKind kind, Instant now) {
    return delegate.usage(scope, kind, now);
  }
}
