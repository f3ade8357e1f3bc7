package dev.tollgate.adapter.memory;

import dev.tollgate.port.out.TenantPolicies;
import dev.tollgate.port.out.contract.TenantPoliciesContract;

class InMemoryTenantPoliciesTest extends TenantPoliciesContract {

  @Override
  protected TenantPolicies newPolicies() {
    return new InMemoryTenantPolicies();
  }
}
