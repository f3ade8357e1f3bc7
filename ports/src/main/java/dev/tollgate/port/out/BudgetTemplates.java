package dev.tollgate.port.out;

import dev.tollgate.domain.budget.BudgetTemplate;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.tenancy.TenantId;
import java.util.List;
import java.util.Optional;

/**
 * Named budget templates per tenant and which scopes (keys, end users) follow each: a scope
 * follows at most one template. The limits themselves live in the budget, rate and slot stores;
 * this remembers only what to apply again when a template changes.
 */
public interface BudgetTemplates {

  /** The most members one template may have (an update re-applies it to each). */
  int MAX_MEMBERS = 10_000;

  /** Stores a new template; false (nothing changed) when the tenant has one of that id. */
  boolean insert(BudgetTemplate template);

  /** Replaces an existing template's limits (its creation time is kept); false when absent. */
  boolean update(BudgetTemplate template);

  Optional<BudgetTemplate> find(TenantId tenant, String id);

  /** The tenant's templates by id, after {@code after} (exclusive), at most {@code limit}. */
  List<BudgetTemplate> list(TenantId tenant, Optional<String> after, int limit);

  /** Records that {@code member} (a key or an end user of the tenant) follows template {@code id}. */
  void attach(TenantId tenant, String id, Scope member);

  /** The template {@code member} follows, if any. */
  Optional<String> templateOf(TenantId tenant, Scope member);

  /** The scopes following template {@code id}, at most {@code limit}. */
  List<Scope> members(TenantId tenant, String id, int limit);
}
