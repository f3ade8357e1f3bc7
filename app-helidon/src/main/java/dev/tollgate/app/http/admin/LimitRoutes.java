package dev.tollgate.app.http.admin;

import static dev.tollgate.app.http.admin.AdminRoute.get;
import static dev.tollgate.app.http.admin.AdminRoute.put;

import dev.tollgate.app.http.Bodies;
import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.budget.SessionBudget;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.rate.ParallelLimit;
import dev.tollgate.domain.rate.RateKind;
import dev.tollgate.domain.rate.RateLimit;
import dev.tollgate.domain.tenancy.Actor;
import dev.tollgate.port.in.admin.AdminResult;
import dev.tollgate.port.in.admin.ManageLimits;
import dev.tollgate.port.in.admin.ScopeLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Budgets and limits of a scope: {@code GET} shows limit, posted, held and remaining for the
 * current window and each rate window's use; {@code PUT} sets what it names. In a {@code PUT}, an
 * absent field is left alone and {@code null} removes that limit.
 */
final class LimitRoutes {

  static final Set<String> FIELDS =
      Set.of("budget", "rpm", "tpm", "max_parallel", "session_budget");
  private static final Set<String> SESSION_BUDGET_FIELDS = Set.of("limit_usd", "period");
  private static final Set<String> BUDGET_FIELDS = Set.of("limit_usd", "period", "soft_limit_usd");
  static final long MAX_RATE = 1_000_000_000_000L;

  private final ManageLimits limits;
  private final AdminJson json;

  LimitRoutes(ManageLimits limits, AdminJson json) {
    this.limits = limits;
    this.json = json;
  }

  List<AdminRoute> routes() {
    String tenant = "/admin/v1/tenants/{tenant}/limits";
    String team = "/admin/v1/tenants/{tenant}/teams/{team}/limits";
    String key = "/admin/v1/keys/{key}/limits";
    Function<AdminCall, Scope> tenantScope = c -> Scope.tenant(TenantRoutes.tenant(c));
    Function<AdminCall, Scope> teamScope =
        c -> Scope.team(TenantRoutes.tenant(c), TenantRoutes.team(c));
    return List.of(
        get(tenant, c -> show(c, tenantScope.apply(c))),
        put(tenant, c -> set(c, tenantScope.apply(c))),
        get(team, c -> show(c, teamScope.apply(c))),
        put(team, c -> set(c, teamScope.apply(c))),
        get(key, c -> show(c, keyScope(c))),
        put(key, c -> set(c, keyScope(c))),
        get(END_USER, c -> show(c, endUserScope(c))),
        put(END_USER, c -> set(c, endUserScope(c))),
        get(TAG, c -> show(c, tagScope(c))),
        put(TAG, c -> set(c, tagScope(c))));
  }

  /** A request tag's budget and limits in its tenant (every key of the tenant that tags with it). */
  static final String TAG = "/admin/v1/tenants/{tenant}/tags/{tag}/limits";

  private static Scope tagScope(AdminCall c) {
    return Scope.tag(TenantRoutes.tenant(c),
        Fields.parse("tag", c.path("tag"), dev.tollgate.domain.tenancy.Tag::of));
  }

  /** An end user's (a request's {@code user}) budget and limits in its tenant. */
  static final String END_USER = "/admin/v1/tenants/{tenant}/end-users/{user}/limits";

  private static Scope endUserScope(AdminCall c) {
    return Scope.endUser(TenantRoutes.tenant(c),
        Fields.parse("user", c.path("user"), dev.tollgate.domain.tenancy.EndUserId::of));
  }

  /** A key's scope, or with {@code ?model=} the key × model scope. */
  private static Scope keyScope(AdminCall c) {
    var key = Fields.key("key", c.path("key"));
    return c.query("model", 256).map(m -> Scope.keyModel(key, Fields.model("model", m)))
        .orElse(Scope.key(key));
  }

  private void show(AdminCall c, Scope scope) {
    c.reply(limits.limits(c.actor(), scope), 200, json::limits);
  }

  private void set(AdminCall c, Scope scope) throws Bodies.TooLarge {
    JsonBody body = c.body(FIELDS);
    c.reply(run(c.actor(), scope, plan(c.actor(), body)), 200, json::limits);
  }

  /** What a body asks to change, validated, as steps to run on a scope. */
  interface Plan extends Function<Scope, AdminResult<ScopeLimits>> {}

  /**
   * Reads and validates every named limit of a body (a bad field throws before anything changes).
   */
  List<Plan> plan(Actor actor, JsonBody body) {
    List<Plan> steps = new ArrayList<>();
    if (body.isNull("budget")) {
      steps.add(scope -> limits.removeBudget(actor, scope));
    } else if (body.has("budget")) {
      JsonBody b = body.object("budget", BUDGET_FIELDS);
      Money limit = Fields.usd("budget.limit_usd", b.text("limit_usd", 40));
      var period = Fields.period("budget.period", b.optionalText("period", 16).orElse("monthly"));
      Optional<Money> soft = b.optionalText("soft_limit_usd", 40)
          .map(x -> Fields.usd("budget.soft_limit_usd", x));
      if (soft.isPresent() && soft.get().isGreaterThan(limit)) {
        throw new BadField("budget.soft_limit_usd", "The soft limit must not exceed the limit.");
      }
      steps.add(scope -> limits.setBudget(actor, new Budget(scope, limit, period, soft)));
    }
    rate(actor, body, "rpm", RateKind.REQUESTS, steps);
    rate(actor, body, "tpm", RateKind.TOKENS, steps);
    if (body.isNull("max_parallel")) {
      steps.add(scope -> limits.removeParallelLimit(actor, scope));
    } else if (body.has("max_parallel")) {
      int max = body.optionalLong("max_parallel", 1, 100_000).orElseThrow().intValue();
      steps.add(scope -> limits.setParallelLimit(actor, new ParallelLimit(scope, max)));
    }
    sessionBudget(actor, body, steps);
    return steps;
  }

  /**
   * Runs the steps in turn (each is audited on its own); stops at the first refusal, which is the
   * answer. With no steps, answers the limits as they are.
   */
  AdminResult<ScopeLimits> run(Actor actor, Scope scope, List<Plan> steps) {
    AdminResult<ScopeLimits> last = limits.limits(actor, scope);
    for (int i = 0; i < steps.size() && last instanceof AdminResult.Done<ScopeLimits>; i++) {
      last = steps.get(i).apply(scope);
    }
    return last;
  }

  /**
   * A key's per-session budget ({@code session_budget: {limit_usd, period}}, period lifetime by
   * default; {@code null} removes it): what each client session of the key may spend.
   */
  private void sessionBudget(Actor actor, JsonBody body, List<Plan> steps) {
    if (body.isNull("session_budget")) {
      steps.add(scope -> limits.setSessionBudget(actor, scope, Optional.empty()));
    } else if (body.has("session_budget")) {
      JsonBody b = body.object("session_budget", SESSION_BUDGET_FIELDS);
      Money limit = Fields.usd("session_budget.limit_usd", b.text("limit_usd", 40));
      var period = Fields.period("session_budget.period",
          b.optionalText("period", 16).orElse("lifetime"));
      SessionBudget budget = new SessionBudget(limit, period);
      steps.add(scope -> limits.setSessionBudget(actor, scope, Optional.of(budget)));
    }
  }

  private void rate(Actor actor, JsonBody body, String field, RateKind kind, List<Plan> steps) {
    if (body.isNull(field)) {
      steps.add(scope -> limits.removeRateLimit(actor, scope, kind));
    } else if (body.has(field)) {
      long limit = body.optionalLong(field, 0, MAX_RATE).orElseThrow();
      steps.add(scope -> limits.setRateLimit(actor, RateLimit.perMinute(scope, kind, limit)));
    }
  }

}
