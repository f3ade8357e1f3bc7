package dev.tollgate.service;

import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.tenancy.TenantPolicy;
import dev.tollgate.port.out.TenantPolicies;

/**
 * Turns a tenant's {@link TenantPolicy#endUserBudgets()} on when a budget or limit is first set on
 * one of its end users, and its {@link TenantPolicy#tagBudgets()} on when one is first set on one of
 * its tags. It is never turned off by removing one: a tenant that had end-user
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
    if (scope instanceof Scope.TenantTag t) {
      TenantPolicy policy = policies.find(t.tenant()).orElse(TenantPolicy.open(t.tenant()));
      if (!policy.tagBudgets()) {
        policies.put(policy.withTagBudgets(true));
      }
    }
  }

  static void enable(TenantPolicies policies, TenantId tenant) {
    TenantPolicy policy = policies.find(tenant).orElse(TenantPolicy.open(tenant));
    if (!policy.endUserBudgets()) {
      policies.put(policy.withEndUserBudgets(true));
    }
  }
}
