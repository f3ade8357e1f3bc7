package dev.tollgate.service;

import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.key.VirtualKey;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.EndUserId;
import dev.tollgate.domain.tenancy.TenantPolicy;
import java.util.List;
import java.util.Optional;

/**
 * The scopes one request counts against, broadest first: tenant, team, key, key x model, and the
 * end user when the request names one and its tenant has end-user budgets
 * ({@link TenantPolicy#endUserBudgets()}): a tenant without any pays no end-user scope's read.
 */
final class Scopes {

  private Scopes() {}

  static List<Scope> of(
      VirtualKey key, TenantPolicy policy, ModelName model, Optional<EndUserId> endUser) {
    return Scope.chainOf(key.owner(), key.id(), model,
        policy.endUserBudgets() ? endUser : Optional.empty());
  }
}
