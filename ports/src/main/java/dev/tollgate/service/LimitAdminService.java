package dev.tollgate.service;

import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.budget.SessionBudget;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.key.VirtualKey;
import dev.tollgate.domain.rate.ParallelLimit;
import dev.tollgate.domain.rate.RateKind;
import dev.tollgate.domain.rate.RateLimit;
import dev.tollgate.domain.tenancy.Actor;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.in.admin.AdminResult;
import dev.tollgate.port.in.admin.ManageLimits;
import dev.tollgate.port.in.admin.ScopeLimits;
import dev.tollgate.port.out.Stores;
import dev.tollgate.port.out.TenantDirectory;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Budgets and limits at every scope. Each scope belongs to one tenant (a key's is its owner's);
 * a scope the actor may not see is not found, and a tenant's own caps are the platform's.
 */
public final class LimitAdminService implements ManageLimits {

  private final Stores stores;
  private final TenantDirectory directory;
  private final AuditTrail audit;
  private final Clock clock;

  LimitAdminService(Stores stores, TenantDirectory directory, AuditTrail audit, Clock clock) {
    this.stores = stores;
    this.directory = directory;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public AdminResult<ScopeLimits> limits(Actor actor, Scope scope) {
    Optional<TenantId> tenant = tenantOf(scope).filter(actor::sees);
    if (tenant.isEmpty()) {
      return AdminResult.notFound("scope");
    }
    return AdminResult.done(read(scope));
  }

  /** The scope's limits as they stand now; the caller has checked the actor may see them. */
  ScopeLimits read(Scope scope) {
    var now = clock.instant();
    return new ScopeLimits(scope,
        stores.budgets().snapshot(scope, now),
        stores.rates().usage(scope, RateKind.REQUESTS, now),
        stores.rates().usage(scope, RateKind.TOKENS, now),
        stores.slots().limitOf(scope),
        stores.slots().inUse(scope, now),
        scope instanceof Scope.Key k
            ? stores.keys().findById(k.key()).flatMap(VirtualKey::sessionBudget) : Optional.empty());
  }

  @Override
  public AdminResult<ScopeLimits> setSessionBudget(
      Actor actor, Scope scope, Optional<SessionBudget> budget) {
    if (!(scope instanceof Scope.Key k)) {
      return new AdminResult.Invalid<>("session_budget",
          "A session budget is set on a key's own limits (without ?model=).");
    }
    return change(actor, scope, budget.isPresent() ? "session-budget.set" : "session-budget.remove",
        () -> {
          Optional<VirtualKey> key = stores.keys().findById(k.key());
          Map<String, String> before = key.flatMap(VirtualKey::sessionBudget)
              .map(LimitAdminService::view).orElse(Map.of());
          key.ifPresent(found -> stores.keys().save(found.withSessionBudget(budget)));
          return new Change(before, budget.map(LimitAdminService::view).orElse(Map.of()));
        });
  }

  private static Map<String, String> view(SessionBudget b) {
    return Map.of("limit_usd", b.limit().toPlainUsd(), "period", b.period().name());
  }

  @Override
  public AdminResult<ScopeLimits> setBudget(Actor actor, Budget budget) {
    return change(actor, budget.scope(), "budget.set", () -> {
      Map<String, String> before = stores.budgets().budgetOf(budget.scope())
          .map(AuditViews::of).orElse(Map.of());
      stores.budgets().putBudget(budget);
      return new Change(before, AuditViews.of(budget));
    });
  }

  @Override
  public AdminResult<ScopeLimits> removeBudget(Actor actor, Scope scope) {
    return change(actor, scope, "budget.remove", () -> {
      Map<String, String> before = stores.budgets().budgetOf(scope)
          .map(AuditViews::of).orElse(Map.of());
      stores.budgets().removeBudget(scope);
      return new Change(before, Map.of());
    });
  }

  @Override
  public AdminResult<ScopeLimits> setRateLimit(Actor actor, RateLimit limit) {
    return change(actor, limit.scope(), "rate-limit.set", () -> {
      Map<String, String> before = stores.rates().limitOf(limit.scope(), limit.kind())
          .map(AuditViews::of).orElse(Map.of());
      stores.rates().putLimit(limit);
      return new Change(before, AuditViews.of(limit));
    });
  }

  @Override
  public AdminResult<ScopeLimits> removeRateLimit(Actor actor, Scope scope, RateKind kind) {
    return change(actor, scope, "rate-limit.remove", () -> {
      Map<String, String> before = stores.rates().limitOf(scope, kind)
          .map(AuditViews::of).orElse(Map.of());
      stores.rates().removeLimit(scope, kind);
      return new Change(before, Map.of());
    });
  }

  @Override
  public AdminResult<ScopeLimits> setParallelLimit(Actor actor, ParallelLimit limit) {
    return change(actor, limit.scope(), "parallel-limit.set", () -> {
      Map<String, String> before = stores.slots().limitOf(limit.scope())
          .map(AuditViews::of).orElse(Map.of());
      stores.slots().putLimit(limit);
      return new Change(before, AuditViews.of(limit));
    });
  }

  @Override
  public AdminResult<ScopeLimits> removeParallelLimit(Actor actor, Scope scope) {
    return change(actor, scope, "parallel-limit.remove", () -> {
      Map<String, String> before = stores.slots().limitOf(scope)
          .map(AuditViews::of).orElse(Map.of());
      stores.slots().removeLimit(scope);
      return new Change(before, Map.of());
    });
  }

  private record Change(Map<String, String> before, Map<String, String> after) {}

  /** Checks who may change the scope, applies the change (which answers before/after), audits. */
  private AdminResult<ScopeLimits> change(
      Actor actor, Scope scope, String action, Supplier<Change> apply) {
    Optional<TenantId> tenant = tenantOf(scope).filter(actor::sees);
    if (tenant.isEmpty()) {
      return AdminResult.notFound("scope");
    }
    if (scope instanceof Scope.Tenant && !actor.isPlatform()) {
      return new AdminResult.Forbidden<>(
          "A tenant's own budget and limits are set by the platform administrator.");
    }
    if (action.endsWith(".set")) { // before: never an end-user budget on an unflagged tenant
      EndUserBudgets.beforeLimiting(stores.tenants(), scope);
    }
    Change change = apply.get();
    audit.record(actor, tenant, action, "scope", scope.storageKey(), change.before(),
        change.after());
    return AdminResult.done(read(scope));
  }

  /** The tenant a scope belongs to; empty when its tenant, team or key does not exist. */
  Optional<TenantId> tenantOf(Scope scope) {
    return switch (scope) {
      case Scope.Tenant t -> directory.findTenant(t.tenant()).map(x -> t.tenant());
      case Scope.Team t -> directory.findTeam(t.tenant(), t.team()).map(x -> t.tenant());
      case Scope.Key k -> ownerOf(k.key());
      case Scope.KeyModel km -> ownerOf(km.key());
      case Scope.EndUser u -> directory.findTenant(u.tenant()).map(x -> u.tenant());
      case Scope.Session s -> ownerOf(s.key());
      case Scope.TenantTag t -> directory.findTenant(t.tenant()).map(x -> t.tenant());
    };
  }

  private Optional<TenantId> ownerOf(KeyId key) {
    return stores.keys().findById(key).map(k -> k.owner().tenant());
  }
}
