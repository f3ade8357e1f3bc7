package dev.tollgate.app.litellm;

import static dev.tollgate.app.litellm.LitellmRoute.get;
import static dev.tollgate.app.litellm.LitellmRoute.post;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.app.http.Bodies;
import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetPeriod;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.rate.RateKind;
import dev.tollgate.domain.tenancy.Actor;
import dev.tollgate.domain.tenancy.EndUserId;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.in.admin.ManageBudgetTemplates;
import dev.tollgate.port.in.admin.ScopeLimits;
import dev.tollgate.service.Administration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /customer/*}: a LiteLLM customer (end user) is the end-user scope of a tenant: the
 * request's {@code user} there counts against its budget and limits. Tollgate keeps no end-user
 * record beside those, so a customer exists while it has a budget, a limit or a budget to follow;
 * a blocked customer is a $0 budget, as the LiteLLM import maps it.
 */
final class CustomerEndpoints {

  static final Set<String> FIELDS;

  static {
    Set<String> f = new HashSet<>(LimitFields.FIELDS);
    f.addAll(Set.of("user_id", "alias", "blocked", "budget_id", "allowed_model_region",
        "default_model", "model_max_budget", "spend", "budget_reset_at", "object_permission"));
    FIELDS = Set.copyOf(f);
  }

  private final Administration admin;
  private final ManageBudgetTemplates budgets;
  private final Tenancy tenancy;

  CustomerEndpoints(Administration admin, ManageBudgetTemplates budgets, Tenancy tenancy) {
    this.admin = admin;
    this.budgets = budgets;
    this.tenancy = tenancy;
  }

  List<LitellmRoute> routes() {
    return List.of(
        post("/customer/new", c -> change(c, true)),
        get("/customer/info", this::info),
        post("/customer/update", c -> change(c, false)),
        post("/customer/delete", this::delete));
  }

  private void change(LitellmCall c, boolean create) throws Bodies.TooLarge {
    LitellmBody b = c.body(FIELDS);
    for (String f : List.of("allowed_model_region", "default_model", "model_max_budget",
        "spend", "budget_reset_at", "object_permission")) {
      b.refuseUnlessEmpty(f, "it has no Tollgate equivalent for an end user");
    }
    if (b.given("budget_id") && (b.given("max_budget") || b.given("soft_budget")
        || b.given("budget_duration") || b.given("tpm_limit") || b.given("rpm_limit"))) {
      throw LitellmError.badRequest("budget_id", "A customer follows either a budget"
          + " (budget_id) or limits of its own, not both.");
    }
    boolean blocked = b.bool("blocked").orElse(false);
    if (blocked && b.given("max_budget")) {
      throw LitellmError.badRequest("blocked", "A blocked customer is a $0 budget; leave out"
          + " max_budget.");
    }
    TenantId tenant = create ? tenancy.existing(c.actor(), Optional.empty())
        : tenancy.tenant(c.actor(), Optional.empty());
    Scope scope = Scope.endUser(tenant, user(b.required("user_id", 128)));
    ScopeLimits now = LitellmError.done(admin.limits().limits(c.actor(), scope));
    if (!create && !exists(c.actor(), tenant, scope, now)) {
      throw LitellmError.notFound("Customer");
    }
    var steps = LimitFields.plan(admin.limits(), c.actor(), b, c.now(),
        now.budget().map(s -> s.budget()));
    LimitFields.run(steps, scope);
    b.text("budget_id", 128).ifPresent(id -> LitellmError.done(
        budgets.follow(c.actor(), tenant, id, scope)));
    if (blocked) {
      LitellmError.done(admin.limits().setBudget(c.actor(),
          new Budget(scope, Money.ZERO, BudgetPeriod.lifetime(), Optional.empty())));
    } else if (b.has("blocked") && now.budget().map(s -> s.budget().limit().isZero())
        .orElse(false)) {
      LitellmError.done(admin.limits().removeBudget(c.actor(), scope)); // unblocked
    }
    c.json(view(c, tenant, scope));
  }

  private void info(LitellmCall c) {
    c.onlyQuery(Set.of("end_user_id"));
    TenantId tenant = tenancy.tenant(c.actor(), Optional.empty());
    Scope scope = Scope.endUser(tenant, user(c.requiredQuery("end_user_id",
        128)));
    ScopeLimits limits = LitellmError.done(admin.limits().limits(c.actor(), scope));
    if (!exists(c.actor(), tenant, scope, limits)) {
      throw LitellmError.notFound("Customer");
    }
    c.json(view(c, tenant, scope));
  }

  private void delete(LitellmCall c) throws Bodies.TooLarge {
    LitellmBody b = c.body(Set.of("user_ids"));
    TenantId tenant = tenancy.tenant(c.actor(), Optional.empty());
    List<String> ids = b.strings("user_ids", 128).filter(l -> !l.isEmpty())
        .orElseThrow(() -> LitellmError.badRequest("user_ids", "'user_ids' is required."));
    ArrayNode deleted = c.array();
    for (String id : ids) {
      Scope scope = Scope.endUser(tenant, user(id));
      ScopeLimits limits = LitellmError.done(admin.limits().limits(c.actor(), scope));
      if (!exists(c.actor(), tenant, scope, limits)) {
        throw LitellmError.notFound("Customer '" + id + "'");
      }
      LitellmError.done(admin.limits().removeBudget(c.actor(), scope));
      LitellmError.done(admin.limits().removeRateLimit(c.actor(), scope, RateKind.REQUESTS));
      LitellmError.done(admin.limits().removeRateLimit(c.actor(), scope, RateKind.TOKENS));
      deleted.add(id);
    }
    c.json(c.object().set("deleted_customers", deleted));
  }

  private boolean exists(Actor actor, TenantId tenant, Scope scope, ScopeLimits l) {
    return l.budget().isPresent() || l.requests().isPresent() || l.tokens().isPresent()
        || budgets.templateOf(actor, tenant, scope).isPresent();
  }

  private ObjectNode view(LitellmCall c, TenantId tenant, Scope scope) {
    ScopeLimits l = LitellmError.done(admin.limits().limits(c.actor(), scope));
    Optional<String> budgetId = budgets.templateOf(c.actor(), tenant, scope);
    ObjectNode n = c.object();
    n.put("user_id", ((Scope.EndUser) scope).user().value());
    n.putNull("alias");
    n.put("blocked", l.budget().map(s -> s.budget().limit().isZero()).orElse(false));
    n.set("spend", c.usd(l.budget().map(s -> s.posted()).orElse(Money.ZERO)));
    n.putNull("allowed_model_region");
    n.putNull("default_model");
    n.put("budget_id", budgetId.orElse(null));
    ObjectNode table = n.putObject("litellm_budget_table");
    table.put("budget_id", budgetId.orElse(null));
    LimitFields.view(c, l, Optional.empty(), table);
    table.remove("spend");
    return n;
  }

  private static EndUserId user(String id) {
    try {
      return EndUserId.of(id);
    } catch (IllegalArgumentException e) {
      throw LitellmError.badRequest("user_id", "'user_id' is not a valid end-user id: "
          + e.getMessage());
    }
  }
}
