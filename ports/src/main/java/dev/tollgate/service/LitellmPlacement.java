package dev.tollgate.service;

import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.in.admin.ImportMapping;
import dev.tollgate.port.out.litellm.LitellmSnapshot;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Where each LiteLLM object lands under the chosen {@link ImportMapping}: the one place the
 * mapping is decided, so tenants, teams, keys and their budgets can never disagree about it. An
 * id Tollgate cannot take (spaces, longer than 128) throws {@code IllegalArgumentException}; the
 * import reports the object as skipped.
 */
final class LitellmPlacement {

  private final ImportMapping mapping;
  private final Map<String, LitellmSnapshot.Team> teams;
  private final Set<String> organizations;

  LitellmPlacement(ImportMapping mapping, LitellmSnapshot snapshot) {
    this.mapping = mapping;
    this.teams = snapshot.teams().stream()
        .collect(Collectors.toMap(LitellmSnapshot.Team::id, Function.identity(), (a, b) -> a));
    this.organizations = snapshot.organizations().stream()
        .map(LitellmSnapshot.Organization::id).collect(Collectors.toSet());
  }

  /** The tenant an organization becomes; empty when organizations are not tenants. */
  Optional<TenantId> tenantOf(LitellmSnapshot.Organization org) {
    return mapping.tenants() == ImportMapping.TenantsFrom.ORGANIZATIONS
        ? Optional.of(TenantId.of(org.id())) : Optional.empty();
  }

  /** The tenant and team a LiteLLM team becomes. */
  Owner ownerOf(LitellmSnapshot.Team team) {
    TeamId id = TeamId.of(team.id());
    return switch (mapping.tenants()) {
      case ORGANIZATIONS -> Owner.team(team.organizationId().filter(organizations::contains)
          .map(TenantId::of).orElse(mapping.defaultTenant()), id);
      case TEAMS -> Owner.team(TenantId.of(team.id()), id);
      case SINGLE -> Owner.team(mapping.defaultTenant(), id);
    };
  }

  /** The owner a key gets: its team's place, else its organization's tenant, else the default. */
  Owner ownerOf(LitellmSnapshot.Key key) {
    Optional<LitellmSnapshot.Team> team = key.teamId().map(teams::get);
    if (team.isPresent()) {
      return ownerOf(team.get());
    }
    if (mapping.tenants() == ImportMapping.TenantsFrom.ORGANIZATIONS) {
      Optional<String> org = key.organizationId().filter(organizations::contains);
      if (org.isPresent()) {
        return Owner.tenant(TenantId.of(org.get()));
      }
    }
    return Owner.tenant(mapping.defaultTenant());
  }

  TenantId endUserTenant() {
    return mapping.endUserTenant();
  }
}
