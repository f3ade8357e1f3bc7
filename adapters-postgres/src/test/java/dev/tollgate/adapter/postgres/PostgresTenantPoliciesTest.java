package dev.tollgate.adapter.postgres;

import dev.tollgate.port.out.TenantPolicies;
import dev.tollgate.port.out.contract.TenantPoliciesContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresTenantPoliciesTest extends TenantPoliciesContract {

  @RegisterExtension static final TestSchema SCHEMA = new TestSchema();

  @Override
  protected TenantPolicies newPolicies() {
    return SCHEMA.stores().tenants();
  }
}
