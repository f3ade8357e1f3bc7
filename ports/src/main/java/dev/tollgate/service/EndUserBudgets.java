package dev.tollgate.service;

import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.tenancy.TenantPolicy;
import dev.tollgate.port.out.TenantPolicies;

/**
 * Turns a tenant's {@link TenantPolicy#endUserBudgets()} on when a budget or limit is first set on
 * one of its end users. It is never turned off by removing one: a tenant that had end-user
 * budgets keeps paying an unseen end user's first read, which is harmless, while turning it off
 * would need every end-user scope of the tenant counted.
 */
final class EndUserBudgets {

  private EndUserBudgets() {}

  /** Before a budget or limit is put on {@code scope}: flags its tenant if it is an end user. */
  static void beforeLimiting(TenantPolicies policies, Scope scope) {
    if (scope instanceof Scope.EndUser u) {
      enable(policies, u.tenant());
    }
  }

  static void enable(TenantPolicies policies, TenantId tenant) {
    TenantPolicy policy = policies.find(tenant).orElse(TenantPolicy.open(tenant));
    if (!policy.endUserBudgets()) {
      policies.put(policy.withEndUserBudgets(true));
    }
  }
}
