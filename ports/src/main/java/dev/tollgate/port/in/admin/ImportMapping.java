package dev.tollgate.port.in.admin;

import dev.tollgate.domain.tenancy.TenantId;

/**
 * Where LiteLLM's objects land. LiteLLM has organizations (an enterprise feature many proxies never
 * use) above teams; Tollgate has tenants above teams.
 *
 * @param tenants which LiteLLM object becomes a tenant
 * @param defaultTenant the tenant of whatever has no organization (or no team, by {@code tenants})
 * @param endUserTenant the tenant LiteLLM's end users (customers) and their budgets belong to:
 *     LiteLLM's customers are proxy-wide, Tollgate's are per tenant
 */
public record ImportMapping(TenantsFrom tenants, TenantId defaultTenant, TenantId endUserTenant) {

  /** What becomes a tenant. */
  public enum TenantsFrom {
    /** Each organization is a tenant, its teams that tenant's teams (the default). */
    ORGANIZATIONS,
    /** Each team is a tenant of its own (a team inside it, same id, carries the team's keys). */
    TEAMS,
    /** One tenant ({@code defaultTenant}); teams are its teams. */
    SINGLE
  }

  public ImportMapping {
    if (tenants == null || defaultTenant == null || endUserTenant == null) {
      throw new IllegalArgumentException("tenants, defaultTenant and endUserTenant are required");
    }
  }

  /** Organizations as tenants; everything else in {@code litellm}. */
  public static ImportMapping defaults() {
    TenantId litellm = TenantId.of("litellm");
    return new ImportMapping(TenantsFrom.ORGANIZATIONS, litellm, litellm);
  }
}
