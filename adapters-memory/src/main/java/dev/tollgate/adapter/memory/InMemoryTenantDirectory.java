package dev.tollgate.adapter.memory;

import dev.tollgate.domain.tenancy.Team;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.Tenant;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.out.TenantDirectory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** Tenants and teams in sorted maps, so lists come out by id without sorting. */
public final class InMemoryTenantDirectory implements TenantDirectory {

  private final ConcurrentSkipListMap<String, Tenant> tenants = new ConcurrentSkipListMap<>();
  /** Teams by tenant id, then team id. */
  private final Map<String, ConcurrentSkipListMap<String, Team>> teams =
      new java.util.concurrent.ConcurrentHashMap<>();

  @Override
  public boolean createTenant(Tenant tenant) {
    return tenants.putIfAbsent(tenant.id().value(), tenant) == null;
  }

  @Override
  public Optional<Tenant> findTenant(TenantId id) {
    return Optional.ofNullable(tenants.get(id.value()));
  }

  @Override
  public boolean updateTenant(Tenant tenant) {
    return tenants.replace(tenant.id().value(), tenant) != null;
  }

  @Override
  public synchronized boolean deleteTenant(TenantId id) {
    teams.remove(id.value());
    return tenants.remove(id.value()) != null;
  }

  @Override
  public List<Tenant> listTenants(Optional<TenantId> after, int limit) {
    checkLimit(limit);
    var view = after.isPresent() ? tenants.tailMap(after.get().value(), false) : tenants;
    return view.values().stream().limit(limit).toList();
  }

  @Override
  public synchronized boolean createTeam(Team team) {
    if (!tenants.containsKey(team.tenant().value())) {
      return false;
    }
    return teamsOf(team.tenant()).putIfAbsent(team.id().value(), team) == null;
  }

  @Override
  public Optional<Team> findTeam(TenantId tenant, TeamId id) {
    var of = teams.get(tenant.value());
    return of == null ? Optional.empty() : Optional.ofNullable(of.get(id.value()));
  }

  @Override
  public boolean updateTeam(Team team) {
    var of = teams.get(team.tenant().value());
    return of != null && of.replace(team.id().value(), team) != null;
  }

  @Override
  public boolean deleteTeam(TenantId tenant, TeamId id) {
    var of = teams.get(tenant.value());
    return of != null && of.remove(id.value()) != null;
  }

  @Override
  public List<Team> listTeams(TenantId tenant, Optional<TeamId> after, int limit) {
    checkLimit(limit);
    var of = teams.get(tenant.value());
    if (of == null) {
      return List.of();
    }
    var view = after.isPresent() ? of.tailMap(after.get().value(), false) : of;
    return view.values().stream().limit(limit).toList();
  }

  private ConcurrentSkipListMap<String, Team> teamsOf(TenantId tenant) {
    return teams.computeIfAbsent(tenant.value(), t -> new ConcurrentSkipListMap<>());
  }

  private static void checkLimit(int limit) {
    if (limit < 0 || limit > MAX_PAGE) {
      throw new IllegalArgumentException("limit must be 0.." + MAX_PAGE);
    }
  }
}
