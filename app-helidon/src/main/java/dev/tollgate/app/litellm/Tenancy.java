package dev.tollgate.app.litellm;

import dev.tollgate.domain.tenancy.Actor;
import dev.tollgate.domain.tenancy.Team;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.in.admin.AdminResult;
import dev.tollgate.port.in.admin.ManageTenants;
import dev.tollgate.port.in.admin.TenantSpec;
import dev.tollgate.port.in.admin.TenantView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which tenant a LiteLLM call lands in, decided once, as the LiteLLM import decides it
 * (docs/migrate-from-litellm.md): a LiteLLM organization is a tenant and its teams are that
 * tenant's teams. A tenant admin key always acts in its own tenant (an {@code organization_id} of
 * another is "not found"); the master key acts in the organization a call names, else in the
 * default tenant, the one the import puts teams, keys and customers without an organization in.
 */
final class Tenancy {

  /** Tenants searched for a team named without its organization (bounded, pages of 1,000). */
  static final int MAX_TENANT_PAGES = 10;

  private final ManageTenants tenants;
  private final TenantId defaultTenant;

  Tenancy(ManageTenants tenants, TenantId defaultTenant) {
    this.tenants = tenants;
    this.defaultTenant = defaultTenant;
  }

  TenantId tenant(Actor actor, Optional<String> organizationId) {
    Optional<TenantId> org = organizationId.map(o -> id("organization_id", o));
    if (actor.tenant().isPresent()) {
      if (org.isPresent() && !org.get().equals(actor.tenant().get())) {
        throw LitellmError.notFound("Organization");
      }
      return actor.tenant().get();
    }
    return org.orElse(defaultTenant);
  }

  /**
   * The tenant a master-key write lands in, registered (named by its id) if new, as minting a key
   * for a new tenant on {@code /admin/v1} does.
   */
  TenantId existing(Actor actor, Optional<String> organizationId) {
    TenantId tenant = tenant(actor, organizationId);
    if (actor.isPlatform() && tenants.tenant(actor, tenant) instanceof AdminResult.NotFound<?>) {
      AdminResult<TenantView> created = tenants.createTenant(actor, tenant, new TenantSpec(
          tenant.value(), Map.of(), Set.of(), Map.of(), Optional.empty(), Optional.empty(), true),
          Optional.empty());
      if (!(created instanceof AdminResult.Done<TenantView>
          || created instanceof AdminResult.Conflict<TenantView>)) {
        throw LitellmError.of(created);
      }
    }
    return tenant;
  }

  /**
   * A team by LiteLLM's {@code team_id}. Tollgate's team ids are per tenant and LiteLLM's global:
   * a master-key call without {@code organization_id} finds it in the default tenant, else in the
   * one tenant that has it (two: a 400 asking for the organization).
   */
  Team team(Actor actor, String teamId, Optional<String> organizationId) {
    TeamId id = teamId(teamId);
    if (actor.tenant().isPresent() || organizationId.isPresent()) {
      return LitellmError.done(tenants.team(actor, tenant(actor, organizationId), id));
    }
    if (tenants.team(actor, defaultTenant, id) instanceof AdminResult.Done<Team> d) {
      return d.value();
    }
    List<Team> found = new ArrayList<>();
    Optional<TenantId> after = Optional.empty();
    for (int page = 0; page < MAX_TENANT_PAGES; page++) {
      List<TenantView> views = tenants.tenants(actor, after, 1000);
      for (TenantView v : views) {
        if (tenants.team(actor, v.tenant().id(), id) instanceof AdminResult.Done<Team> d) {
          found.add(d.value());
        }
      }
      if (views.size() < 1000) {
        break;
      }
      after = Optional.of(views.get(views.size() - 1).tenant().id());
    }
    if (found.size() > 1) {
      throw LitellmError.badRequest("organization_id", "Team '" + teamId + "' exists in several"
          + " organizations (Tollgate tenants); name one with organization_id.");
    }
    return found.stream().findFirst().orElseThrow(() -> LitellmError.notFound("Team"));
  }

  static TeamId teamId(String value) {
    try {
      return TeamId.of(value);
    } catch (IllegalArgumentException e) {
      throw LitellmError.badRequest("team_id", "'team_id' is not a valid id: " + e.getMessage());
    }
  }

  static TenantId id(String field, String value) {
    try {
      return TenantId.of(value);
    } catch (IllegalArgumentException e) {
      throw LitellmError.badRequest(field, "'" + field + "' is not a valid id: " + e.getMessage());
    }
  }
}
