package dev.tollgate.port.in.admin;

import dev.tollgate.domain.tenancy.Tenant;
import dev.tollgate.domain.tenancy.TenantPolicy;

/** A tenant with the policy admission applies to it. */
public record TenantView(Tenant tenant, TenantPolicy policy) {}
