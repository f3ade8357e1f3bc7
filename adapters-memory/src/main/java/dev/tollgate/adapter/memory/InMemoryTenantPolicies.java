package dev.tollgate.adapter.memory;

import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.tenancy.TenantPolicy;
import dev.tollgate.port.out.TenantPolicies;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Tenant policies by tenant id; lock-free reads. */
public final class InMemoryTenantPolicies implements TenantPolicies {

  private final Map<TenantId, TenantPolicy> policies = new ConcurrentHashMap<>();

  @Override
  public void put(TenantPolicy policy) {
    policies.put(policy.tenant(), policy);
  }

  @Override
  public Optional<TenantPolicy> find(TenantId tenant) {
    return Optional.ofNullable(policies.get(tenant));
  }
}
