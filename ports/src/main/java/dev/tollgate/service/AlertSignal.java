package dev.tollgate.service;

import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.PeriodWindow;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.rate.RateKind;
import dev.tollgate.domain.tenancy.TenantId;
import java.time.Instant;
import java.util.List;

/**
 * What the request path (or an administrative change) already knew that may make an alert: put
 * on {@link AlertDetector}'s bounded queue as is, judged later off the request thread.
 */
sealed interface AlertSignal {

  TenantId tenant();

  /** A hold was placed under at least one budget; {@code pastSoftLimit} as the store reported. */
  record Held(TenantId tenant, List<Scope> chain, boolean pastSoftLimit, Instant at)
      implements AlertSignal {}

  /** Settlement took this scope's posted spend from below its soft limit to at or above it. */
  record SoftLimitCrossed(TenantId tenant, Scope scope, Instant at) implements AlertSignal {}

  /** This budget could not cover a request: it was refused as {@code budget_exhausted}. */
  record HoldRefused(TenantId tenant, Budget budget, PeriodWindow window, Money available,
      Instant at) implements AlertSignal {}

  /** A rate limit on this scope refused a request. */
  record RateLimited(TenantId tenant, Scope scope, RateKind kind, long limit, Instant at)
      implements AlertSignal {}

  /** A key that expires within the lead time served a request. */
  record KeyExpiring(TenantId tenant, KeyId key, String alias, Instant expiresAt, Instant at)
      implements AlertSignal {}

  /** An administrator blocked a key ({@code key.block} in the audit log). */
  record KeyBlocked(TenantId tenant, KeyId key, Instant at) implements AlertSignal {}

  /** The tenant a request's scope chain belongs to: its first scope is always the tenant's. */
  static TenantId tenantOf(List<Scope> chain) {
    for (Scope s : chain) {
      if (s instanceof Scope.Tenant t) {
        return t.tenant();
      }
    }
    throw new IllegalArgumentException("a scope chain starts with its tenant: " + chain);
  }
}
