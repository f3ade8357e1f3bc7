package dev.tollgate.port.out;

import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.tenancy.TenantPolicy;
import java.util.Optional;

/** Each tenant's model allow-list, aliases, priority and fairness settings. */
public interface TenantPolicies {

  /** Adds or replaces the policy of {@code policy.tenant()}. */
  void put(TenantPolicy policy);

  /** The tenant's policy; a tenant without one is unrestricted ({@link TenantPolicy#open}). */
  Optional<TenantPolicy> find(TenantId tenant);
}
