package dev.tollgate.port.in.admin;

import dev.tollgate.domain.budget.BudgetTemplate;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.tenancy.Actor;
import dev.tollgate.domain.tenancy.TenantId;
import java.util.List;
import java.util.Optional;

/**
 * Budget templates (LiteLLM's budget rows): named limits a tenant's keys and end users follow.
 * Applying one is setting those scopes' budget and limits through {@link ManageLimits}, with the
 * same rules, audit and tenant isolation; changing one applies it again to every follower.
 */
public interface ManageBudgetTemplates {

  AdminResult<BudgetTemplate> createTemplate(Actor actor, BudgetTemplate template);

  AdminResult<BudgetTemplate> template(Actor actor, TenantId tenant, String id);

  AdminResult<List<BudgetTemplate>> templates(
      Actor actor, TenantId tenant, Optional<String> after, int limit);

  /** Changes a template and applies it again to every scope that follows it. */
  AdminResult<BudgetTemplate> updateTemplate(Actor actor, BudgetTemplate template);

  /** Applies template {@code id} to {@code member} (a key or an end user) and records the link. */
  AdminResult<ScopeLimits> follow(Actor actor, TenantId tenant, String id, Scope member);

  /** The template {@code member} follows, if the actor may see it. */
  Optional<String> templateOf(Actor actor, TenantId tenant, Scope member);
}
