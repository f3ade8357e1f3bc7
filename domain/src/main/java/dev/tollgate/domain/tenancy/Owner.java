package dev.tollgate.domain.tenancy;

import java.util.Optional;

/** Who a key belongs to: a tenant and, optionally, one of its teams. */
public record Owner(TenantId tenant, Optional<TeamId> team) {

  public Owner {
    if (tenant == null || team == null) {
      throw new IllegalArgumentException("tenant and team (possibly empty) are required");
    }
  }

  public static Owner tenant(TenantId tenant) {
    return new Owner(tenant, Optional.empty());
  }

  public static Owner team(TenantId tenant, TeamId team) {
    return new Owner(tenant, Optional.of(team));
  }
}
