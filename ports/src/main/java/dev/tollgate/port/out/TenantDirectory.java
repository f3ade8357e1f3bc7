package dev.tollgate.port.out;

import dev.tollgate.domain.tenancy.Team;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.Tenant;
import dev.tollgate.domain.tenancy.TenantId;
import java.util.List;
import java.util.Optional;

/**
 * Tenants and their teams as administrators manage them (names, labels). What a tenant may call
 * is its {@link TenantPolicies} entry. Lists are ordered by id and paged by the last id seen, so a
 * page never skips or repeats a row when others are added meanwhile.
 */
public interface TenantDirectory {

  int MAX_PAGE = 1000;

  /** Adds the tenant; false (and nothing changes) if one with this id exists. */
  boolean createTenant(Tenant tenant);

  Optional<Tenant> findTenant(TenantId id);

  /** Replaces an existing tenant; false if there is none. */
  boolean updateTenant(Tenant tenant);

  /** Removes the tenant and its teams; false if there was none. */
  boolean deleteTenant(TenantId id);

  /** Tenants with an id after {@code after} (all if empty), by id, at most {@code limit}. */
  List<Tenant> listTenants(Optional<TenantId> after, int limit);

  /** Adds the team to its tenant; false if the tenant already has a team with this id. */
  boolean createTeam(Team team);

  Optional<Team> findTeam(TenantId tenant, TeamId id);

  /** Replaces an existing team; false if there is none. */
  boolean updateTeam(Team team);

  boolean deleteTeam(TenantId tenant, TeamId id);

  /** A tenant's teams with an id after {@code after}, by id, at most {@code limit}. */
  List<Team> listTeams(TenantId tenant, Optional<TeamId> after, int limit);
}
