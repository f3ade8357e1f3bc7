package dev.tollgate.service;

import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetPeriod;
import dev.tollgate.domain.budget.BudgetTemplate;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.rate.ParallelLimit;
import dev.tollgate.domain.rate.RateKind;
import dev.tollgate.domain.rate.RateLimit;
import dev.tollgate.domain.tenancy.Actor;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.in.admin.AdminResult;
import dev.tollgate.port.in.admin.ManageBudgetTemplates;
import dev.tollgate.port.in.admin.ManageLimits;
import dev.tollgate.port.in.admin.ScopeLimits;
import dev.tollgate.port.out.AuditLog;
import dev.tollgate.port.out.BudgetTemplates;
import dev.tollgate.port.out.TenantDirectory;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Budget templates over {@link ManageLimits}: a template is never enforced by itself, only as the
 * budget and limits it sets on the keys and end users that follow it, so every rule of those
 * (who may set what, the audit, end-user budgets per tenant) is the one rule.
 */
public final class BudgetTemplateAdminService implements ManageBudgetTemplates {

  private final BudgetTemplates templates;
  private final TenantDirectory directory;
  private final ManageLimits limits;
  private final Clock clock;
  private final AuditTrail audit;

  public BudgetTemplateAdminService(BudgetTemplates templates, TenantDirectory directory,
      ManageLimits limits, AuditLog audit, Clock clock) {
    this.templates = templates;
    this.directory = directory;
    this.limits = limits;
    this.clock = clock;
    this.audit = new AuditTrail(audit, clock);
  }

  @Override
  public AdminResult<BudgetTemplate> createTemplate(Actor actor, BudgetTemplate template) {
    Optional<AdminResult<BudgetTemplate>> refused = check(actor, template);
    if (refused.isPresent()) {
      return refused.get();
    }
    BudgetTemplate stored = template.createdAt(clock.instant());
    if (!templates.insert(stored)) {
      return new AdminResult.Conflict<>("Budget '" + template.id() + "' exists already.");
    }
    audit.record(actor, Optional.of(stored.tenant()), "budget-template.create", "budget_template",
        stored.id(), Map.of(), view(stored));
    return AdminResult.done(stored);
  }

  @Override
  public AdminResult<BudgetTemplate> template(Actor actor, TenantId tenant, String id) {
    if (!visible(actor, tenant)) {
      return AdminResult.notFound("budget");
    }
    return templates.find(tenant, id).<AdminResult<BudgetTemplate>>map(AdminResult::done)
        .orElseGet(() -> AdminResult.notFound("budget"));
  }

  @Override
  public AdminResult<List<BudgetTemplate>> templates(
      Actor actor, TenantId tenant, Optional<String> after, int limit) {
    if (!visible(actor, tenant)) {
      return AdminResult.notFound("tenant");
    }
    return AdminResult.done(templates.list(tenant, after, Math.clamp(limit, 1, 1000)));
  }

  @Override
  public AdminResult<BudgetTemplate> updateTemplate(Actor actor, BudgetTemplate template) {
    Optional<BudgetTemplate> existing = templates.find(template.tenant(), template.id())
        .filter(t -> visible(actor, t.tenant()));
    if (existing.isEmpty()) {
      return AdminResult.notFound("budget");
    }
    Optional<AdminResult<BudgetTemplate>> refused = check(actor, template);
    if (refused.isPresent()) {
      return refused.get();
    }
    BudgetTemplate changed = template.createdAt(existing.get().createdAt());
    templates.update(changed);
    audit.record(actor, Optional.of(changed.tenant()), "budget-template.update", "budget_template",
        changed.id(), view(existing.get()), view(changed));
    for (Scope member : templates.members(changed.tenant(), changed.id(),
        BudgetTemplates.MAX_MEMBERS)) {
      AdminResult<ScopeLimits> applied = apply(actor, changed, member);
      if (applied instanceof AdminResult.Invalid<ScopeLimits>
          || applied instanceof AdminResult.Forbidden<ScopeLimits>) {
        return applied.refusal(); // a follower that disappeared (NotFound) is simply skipped
      }
    }
    return AdminResult.done(changed);
  }

  @Override
  public AdminResult<ScopeLimits> follow(Actor actor, TenantId tenant, String id, Scope member) {
    AdminResult<BudgetTemplate> found = template(actor, tenant, id);
    if (!(found instanceof AdminResult.Done<BudgetTemplate> done)) {
      return found.refusal();
    }
    AdminResult<ScopeLimits> applied = apply(actor, done.value(), member);
    if (applied instanceof AdminResult.Done<ScopeLimits>) {
      templates.attach(tenant, id, member);
    }
    return applied;
  }

  @Override
  public Optional<String> templateOf(Actor actor, TenantId tenant, Scope member) {
    return visible(actor, tenant) ? templates.templateOf(tenant, member) : Optional.empty();
  }

  /** A template's fields by their API names, for the audit log. */
  private static Map<String, String> view(BudgetTemplate t) {
    Map<String, String> v = new TreeMap<>();
    t.maxBudget().ifPresent(m -> v.put("max_budget_usd", m.toPlainUsd()));
    t.softBudget().ifPresent(m -> v.put("soft_budget_usd", m.toPlainUsd()));
    t.rpm().ifPresent(n -> v.put("rpm", Long.toString(n)));
    t.tpm().ifPresent(n -> v.put("tpm", Long.toString(n)));
    t.maxParallel().ifPresent(n -> v.put("max_parallel", Integer.toString(n)));
    t.duration().ifPresent(d -> v.put("budget_duration", d));
    return v;
  }

  private boolean visible(Actor actor, TenantId tenant) {
    return actor.sees(tenant) && directory.findTenant(tenant).isPresent();
  }

  private Optional<AdminResult<BudgetTemplate>> check(Actor actor, BudgetTemplate template) {
    if (!visible(actor, template.tenant())) {
      return Optional.of(AdminResult.notFound("tenant"));
    }
    if (period(template) instanceof LitellmPeriods.Unsupported u) {
      return Optional.of(new AdminResult.Invalid<>("budget_duration", u.why()));
    }
    return Optional.empty();
  }

  private static LitellmPeriods.Result period(BudgetTemplate t) {
    return LitellmPeriods.of(t.duration(), Optional.of(t.createdAt()), t.createdAt());
  }

  /**
   * Sets every limit the template names on {@code scope} and removes those it leaves unset, one
   * audited change each; the first refusal stops it and is the answer.
   */
  private AdminResult<ScopeLimits> apply(Actor actor, BudgetTemplate t, Scope scope) {
    BudgetPeriod period = period(t) instanceof LitellmPeriods.Period p ? p.period()
        : BudgetPeriod.lifetime();
    List<Supplier<AdminResult<ScopeLimits>>> steps = List.of(
        () -> t.maxBudget().isPresent()
            ? limits.setBudget(actor, new Budget(scope, t.maxBudget().get(), period, t.softBudget()))
            : limits.removeBudget(actor, scope),
        () -> t.rpm().isPresent()
            ? limits.setRateLimit(actor,
                RateLimit.perMinute(scope, RateKind.REQUESTS, t.rpm().getAsLong()))
            : limits.removeRateLimit(actor, scope, RateKind.REQUESTS),
        () -> t.tpm().isPresent()
            ? limits.setRateLimit(actor,
                RateLimit.perMinute(scope, RateKind.TOKENS, t.tpm().getAsLong()))
            : limits.removeRateLimit(actor, scope, RateKind.TOKENS),
        () -> t.maxParallel().isPresent()
            ? limits.setParallelLimit(actor, new ParallelLimit(scope, t.maxParallel().getAsInt()))
            : scope instanceof Scope.EndUser ? limits.limits(actor, scope)
                : limits.removeParallelLimit(actor, scope));
    AdminResult<ScopeLimits> last = limits.limits(actor, scope);
    for (int i = 0; i < steps.size() && last instanceof AdminResult.Done<ScopeLimits>; i++) {
      last = steps.get(i).get();
    }
    return last;
  }
}
