package dev.tollgate.domain.tenancy;

import java.util.Optional;

/**
 * Who is making an administrative change: the platform (master key or an operator's CLI) or one
 * tenant's admin. A tenant admin sees and changes only its own tenant; everything else is, to it,
 * as if it did not exist.
 *
 * @param name how the audit log names the actor (a key id, {@code master-key}, {@code cli:<user>})
 */
public record Actor(Optional<TenantId> tenant, String name) {

  public static final int MAX_NAME_LENGTH = 128;

  public Actor {
    if (tenant == null || name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException("tenant (possibly empty) and a 1..128 char name are required");
    }
  }

  public static Actor platform(String name) {
    return new Actor(Optional.empty(), name);
  }

  public static Actor tenantAdmin(TenantId tenant, String name) {
    return new Actor(Optional.of(tenant), name);
  }

  public boolean isPlatform() {
    return tenant.isEmpty();
  }

  /** Whether this actor may see objects of {@code owner}. */
  public boolean sees(TenantId owner) {
    return tenant.map(owner::equals).orElse(true);
  }
}
