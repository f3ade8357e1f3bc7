package dev.tollgate.service;

import dev.tollgate.domain.key.VirtualKey;
import dev.tollgate.domain.tenancy.Actor;
import dev.tollgate.domain.tenancy.Team;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.Tenant;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.tenancy.TenantPolicy;
import dev.tollgate.port.in.admin.AdminResult;
import dev.tollgate.port.in.admin.ManageTenants;
import dev.tollgate.port.in.admin.TenantSpec;
import dev.tollgate.port.in.admin.TenantView;
import dev.tollgate.port.out.KeyStore;
import dev.tollgate.port.out.TenantDirectory;
import dev.tollgate.port.out.TenantPolicies;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Tenants and teams, with their policies, every change audited. */
public final class TenantAdminService implements ManageTenants {

  private static final String PLATFORM_ONLY = "Only the platform administrator may do this.";

  private final TenantDirectory directory;
  private final TenantPolicies policies;
  private final KeyStore keys;
  private final AuditTrail audit;
  private final Idempotency idempotency;
  private final Clock clock;

  TenantAdminService(TenantDirectory directory, TenantPolicies policies, KeyStore keys,
      AuditTrail audit, Idempotency idempotency, Clock clock) {
    this.directory = directory;
    this.policies = policies;
    this.keys = keys;
    this.audit = audit;
    this.idempotency = idempotency;
    this.clock = clock;
  }

  @Override
  public AdminResult<TenantView> createTenant(
      Actor actor, TenantId id, TenantSpec spec, Optional<String> idempotencyKey) {
    if (!actor.isPlatform()) {
      return new AdminResult.Forbidden<>(PLATFORM_ONLY);
    }
    return idempotency.create(actor, "create-tenant", idempotencyKey,
        Idempotency.fingerprint(id, spec.name(), spec.metadata(), spec.allowedModels(),
            spec.aliases(), spec.objective(), spec.fairnessId(), spec.active()),
        () -> {
          Tenant tenant = new Tenant(id, spec.name(), spec.metadata(), clock.instant());
          if (!directory.createTenant(tenant)) {
            return new AdminResult.Conflict<>("Tenant '" + id.value() + "' already exists.");
          }
          TenantView view = new TenantView(tenant, policy(id, spec));
          policies.put(view.policy());
          audit.record(actor, Optional.of(id), "tenant.create", "tenant", id.value(), Map.of(),
              AuditViews.of(view));
          return AdminResult.done(view);
        },
        view -> view.tenant().id().value(),
        existing -> tenant(actor, TenantId.of(existing)));
  }

  @Override
  public AdminResult<TenantView> tenant(Actor actor, TenantId id) {
    if (!actor.sees(id)) {
      return AdminResult.notFound("tenant");
    }
    return directory.findTenant(id).<AdminResult<TenantView>>map(t -> AdminResult.done(view(t)))
        .orElseGet(() -> AdminResult.notFound("tenant"));
  }

  @Override
  public List<TenantView> tenants(Actor actor, Optional<TenantId> after, int limit) {
    if (actor.tenant().isPresent()) {
      TenantId own = actor.tenant().get();
      boolean beyond = after.map(a -> a.value().compareTo(own.value()) >= 0).orElse(false);
      return beyond || limit < 1 ? List.of()
          : directory.findTenant(own).map(t -> List.of(view(t))).orElse(List.of());
    }
    return directory.listTenants(after, Math.min(limit, TenantDirectory.MAX_PAGE)).stream()
        .map(this::view).toList();
  }

  @Override
  public AdminResult<TenantView> updateTenant(Actor actor, TenantId id, TenantSpec spec) {
    if (!actor.isPlatform()) {
      return actor.sees(id) ? new AdminResult.Forbidden<>(PLATFORM_ONLY)
          : AdminResult.notFound("tenant");
    }
    Optional<Tenant> existing = directory.findTenant(id);
    if (existing.isEmpty()) {
      return AdminResult.notFound("tenant");
    }
    TenantView before = view(existing.get());
    TenantView after = new TenantView(
        existing.get().withDetails(spec.name(), spec.metadata()),
        policy(id, spec).withEndUserBudgets(before.policy().endUserBudgets()) // kept, not spec'd
            .withTagBudgets(before.policy().tagBudgets()));
    directory.updateTenant(after.tenant());
    policies.put(after.policy());
    audit.record(actor, Optional.of(id), "tenant.update", "tenant", id.value(),
        AuditViews.of(before), AuditViews.of(after));
    return AdminResult.done(after);
  }

  @Override
  public AdminResult<TenantView> deleteTenant(Actor actor, TenantId id) {
    if (!actor.isPlatform()) {
      return actor.sees(id) ? new AdminResult.Forbidden<>(PLATFORM_ONLY)
          : AdminResult.notFound("tenant");
    }
    Optional<Tenant> existing = directory.findTenant(id);
    if (existing.isEmpty()) {
      return AdminResult.notFound("tenant");
    }
    if (!keys.listByTenant(id, 0, 1).isEmpty()) {
      return new AdminResult.Conflict<>("Tenant '" + id.value()
          + "' still has keys: delete them first, or deactivate the tenant to stop them at once.");
    }
    TenantView before = view(existing.get());
    directory.deleteTenant(id);
    // Admission reads policies: a deleted tenant's is kept deactivated, so nothing can use it.
    policies.put(before.policy().withActive(false));
    audit.record(actor, Optional.of(id), "tenant.delete", "tenant", id.value(),
        AuditViews.of(before), Map.of());
    return AdminResult.done(before);
  }

  @Override
  public AdminResult<Team> createTeam(Actor actor, TenantId tenant, TeamId id, String name,
      Map<String, String> metadata, Optional<String> idempotencyKey) {
    if (!actor.sees(tenant) || directory.findTenant(tenant).isEmpty()) {
      return AdminResult.notFound("tenant");
    }
    return idempotency.create(actor, "create-team", idempotencyKey,
        Idempotency.fingerprint(tenant, id, name, metadata),
        () -> {
          Team team = new Team(tenant, id, name, metadata, clock.instant());
          if (!directory.createTeam(team)) {
            return new AdminResult.Conflict<>("Team '" + id.value() + "' already exists.");
          }
          audit.record(actor, Optional.of(tenant), "team.create", "team", id.value(), Map.of(),
              AuditViews.of(team));
          return AdminResult.done(team);
        },
        team -> team.id().value(),
        existing -> team(actor, tenant, TeamId.of(existing)));
  }

  @Override
  public AdminResult<Team> team(Actor actor, TenantId tenant, TeamId id) {
    if (!actor.sees(tenant)) {
      return AdminResult.notFound("team");
    }
    return directory.findTeam(tenant, id).<AdminResult<Team>>map(AdminResult::done)
        .orElseGet(() -> AdminResult.notFound("team"));
  }

  @Override
  public AdminResult<List<Team>> teams(
      Actor actor, TenantId tenant, Optional<TeamId> after, int limit) {
    if (!actor.sees(tenant) || directory.findTenant(tenant).isEmpty()) {
      return AdminResult.notFound("tenant");
    }
    return AdminResult.done(
        directory.listTeams(tenant, after, Math.min(limit, TenantDirectory.MAX_PAGE)));
  }

  @Override
  public AdminResult<Team> updateTeam(
      Actor actor, TenantId tenant, TeamId id, String name, Map<String, String> metadata) {
    AdminResult<Team> found = team(actor, tenant, id);
    if (!(found instanceof AdminResult.Done<Team> done)) {
      return found;
    }
    Team after = done.value().withDetails(name, metadata);
    directory.updateTeam(after);
    audit.record(actor, Optional.of(tenant), "team.update", "team", id.value(),
        AuditViews.of(done.value()), AuditViews.of(after));
    return AdminResult.done(after);
  }

  @Override
  public AdminResult<Team> deleteTeam(Actor actor, TenantId tenant, TeamId id) {
    AdminResult<Team> found = team(actor, tenant, id);
    if (!(found instanceof AdminResult.Done<Team> done)) {
      return found;
    }
    List<VirtualKey> teamKeys = keys.listByTenant(tenant, Optional.of(id), 0, 1);
    if (!teamKeys.isEmpty()) {
      return new AdminResult.Conflict<>(
          "Team '" + id.value() + "' still has keys: delete or move them first.");
    }
    directory.deleteTeam(tenant, id);
    audit.record(actor, Optional.of(tenant), "team.delete", "team", id.value(),
        AuditViews.of(done.value()), Map.of());
    return AdminResult.done(done.value());
  }

  private TenantView view(Tenant tenant) {
    return new TenantView(tenant, policies.find(tenant.id()).orElse(TenantPolicy.open(tenant.id())));
  }

  private static TenantPolicy policy(TenantId id, TenantSpec spec) {
    return new TenantPolicy(id, spec.allowedModels(), spec.aliases(), spec.objective(),
        spec.fairnessId(), spec.active(), spec.nearLimit(), false, spec.trustedUserHeaders(),
        spec.allowedTags(), false);
  }
}
