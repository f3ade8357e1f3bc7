package dev.tollgate.port.in.admin;

import dev.tollgate.domain.tenancy.Actor;
import dev.tollgate.domain.tenancy.Team;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.TenantId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tenants (platform administrators create, change and delete them; a tenant admin reads its own)
 * and teams (a tenant admin manages its own tenant's).
 */
public interface ManageTenants {

  AdminResult<TenantView> createTenant(
      Actor actor, TenantId id, TenantSpec spec, Optional<String> idempotencyKey);

  AdminResult<TenantView> tenant(Actor actor, TenantId id);

  /** The tenants the actor may see, by id, after {@code after}, at most {@code limit}. */
  List<TenantView> tenants(Actor actor, Optional<TenantId> after, int limit);

  AdminResult<TenantView> updateTenant(Actor actor, TenantId id, TenantSpec spec);

  /** Deletes a tenant that has no keys left (deactivate it to stop its keys at once). */
  AdminResult<TenantView> deleteTenant(Actor actor, TenantId id);

  AdminResult<Team> createTeam(Actor actor, TenantId tenant, TeamId id, String name,
      Map<String, String> metadata, Optional<String> idempotencyKey);

  AdminResult<Team> team(Actor actor, TenantId tenant, TeamId id);

  AdminResult<List<Team>> teams(Actor actor, TenantId tenant, Optional<TeamId> after, int limit);

  AdminResult<Team> updateTeam(
      Actor actor, TenantId tenant, TeamId id, String name, Map<String, String> metadata);

  /** Deletes a team that has no keys left. */
  AdminResult<Team> deleteTeam(Actor actor, TenantId tenant, TeamId id);
}
