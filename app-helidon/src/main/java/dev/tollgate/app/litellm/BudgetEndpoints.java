package dev.tollgate.app.litellm;

import static dev.tollgate.app.litellm.LitellmRoute.get;
import static dev.tollgate.app.litellm.LitellmRoute.post;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.app.http.Bodies;
import dev.tollgate.domain.budget.BudgetTemplate;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.port.in.admin.ManageBudgetTemplates;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * {@code /budget/*}: LiteLLM's budget rows as budget templates of the caller's tenant (the default
 * tenant for the master key, as LiteLLM's budgets belong to no organization). Keys and customers
 * name one with {@code budget_id}; a change is applied again to all of them.
 */
final class BudgetEndpoints {

  static final Set<String> FIELDS = Set.of("budget_id", "max_budget", "soft_budget", "tpm_limit",
      "rpm_limit", "max_parallel_requests", "budget_duration", "model_max_budget",
      "budget_reset_at");

  private final ManageBudgetTemplates budgets;
  private final Tenancy tenancy;

  BudgetEndpoints(ManageBudgetTemplates budgets, Tenancy tenancy) {
    this.budgets = budgets;
    this.tenancy = tenancy;
  }

  List<LitellmRoute> routes() {
    return List.of(
        post("/budget/new", this::create),
        post("/budget/info", this::info),
        post("/budget/update", this::update),
        get("/budget/list", this::list));
  }

  private void create(LitellmCall c) throws Bodies.TooLarge {
    LitellmBody b = c.body(FIELDS);
    TenantId tenant = tenancy.existing(c.actor(), Optional.empty());
    BudgetTemplate t = read(b, tenant, b.required("budget_id", BudgetTemplate.MAX_ID_LENGTH),
        Optional.empty(), c.now());
    c.json(view(c, LitellmError.done(budgets.createTemplate(c.actor(), t))));
  }

  private void info(LitellmCall c) throws Bodies.TooLarge {
    LitellmBody b = c.body(Set.of("budgets"));
    TenantId tenant = tenancy.tenant(c.actor(), Optional.empty());
    ArrayNode out = c.array();
    for (String id : b.strings("budgets", BudgetTemplate.MAX_ID_LENGTH).filter(l -> !l.isEmpty())
        .orElseThrow(() -> LitellmError.badRequest("budgets", "'budgets' is required."))) {
      out.add(view(c, LitellmError.done(budgets.template(c.actor(), tenant, id))));
    }
    c.json(out);
  }

  private void update(LitellmCall c) throws Bodies.TooLarge {
    LitellmBody b = c.body(FIELDS);
    TenantId tenant = tenancy.tenant(c.actor(), Optional.empty());
    String id = b.required("budget_id", BudgetTemplate.MAX_ID_LENGTH);
    BudgetTemplate current = LitellmError.done(budgets.template(c.actor(), tenant, id));
    BudgetTemplate t = read(b, tenant, id, Optional.of(current), c.now());
    c.json(view(c, LitellmError.done(budgets.updateTemplate(c.actor(), t))));
  }

  private void list(LitellmCall c) {
    c.onlyQuery(Set.of());
    TenantId tenant = tenancy.tenant(c.actor(), Optional.empty());
    ArrayNode out = c.array();
    if (budgets.templates(c.actor(), tenant, Optional.empty(), 1000)
        instanceof dev.tollgate.port.in.admin.AdminResult.Done<List<BudgetTemplate>> d) {
      d.value().forEach(t -> out.add(view(c, t))); // no tenant yet: no budgets
    }
    c.json(out);
  }

  /**
   * A template from a body; on update, an absent field keeps {@code current}'s value and
   * {@code null} clears it.
   */
  private static BudgetTemplate read(LitellmBody b, TenantId tenant, String id,
      Optional<BudgetTemplate> current, Instant now) {
    b.refuseUnlessEmpty("model_max_budget", "set per-model budgets on each key");
    b.refuseUnlessEmpty("budget_reset_at", "budget periods are UTC calendar windows");
    Optional<String> duration = b.has("budget_duration") ? b.text("budget_duration", 16)
        : current.flatMap(BudgetTemplate::duration);
    duration.ifPresent(d -> LimitFields.period(Optional.of(d), now)); // refused here if unknown
    Optional<Money> max = b.has("max_budget") ? b.usd("max_budget")
        : current.flatMap(BudgetTemplate::maxBudget);
    Optional<Money> soft = b.has("soft_budget") ? b.usd("soft_budget")
        : current.flatMap(BudgetTemplate::softBudget);
    if (soft.isPresent() && (max.isEmpty() || soft.get().isGreaterThan(max.get()))) {
      throw LitellmError.badRequest("soft_budget", "'soft_budget' needs a max_budget at least as"
          + " large.");
    }
    OptionalLong rpm = longField(b, "rpm_limit", current.map(BudgetTemplate::rpm));
    OptionalLong tpm = longField(b, "tpm_limit", current.map(BudgetTemplate::tpm));
    OptionalInt parallel = b.has("max_parallel_requests")
        ? b.whole("max_parallel_requests", 1, 100_000).map(n -> OptionalInt.of(n.intValue()))
            .orElse(OptionalInt.empty())
        : current.map(BudgetTemplate::maxParallel).orElse(OptionalInt.empty());
    try {
      return new BudgetTemplate(tenant, id, max, soft, rpm, tpm, parallel,
          duration.map(d -> switch (d.trim()) {
            case "daily" -> "1d";
            case "weekly" -> "7d";
            case "monthly" -> "1mo";
            default -> d.trim();
          }), current.map(BudgetTemplate::createdAt).orElse(now));
    } catch (IllegalArgumentException e) {
      throw LitellmError.badRequest("budget_id", e.getMessage());
    }
  }

  private static OptionalLong longField(LitellmBody b, String name,
      Optional<OptionalLong> current) {
    if (!b.has(name)) {
      return current.orElse(OptionalLong.empty());
    }
    return b.whole(name, 0, LimitFields.MAX_RATE).map(OptionalLong::of).orElse(OptionalLong.empty());
  }

  static ObjectNode view(LitellmCall c, BudgetTemplate t) {
    ObjectNode n = c.object();
    n.put("budget_id", t.id());
    n.set("max_budget", c.usd(t.maxBudget()));
    n.set("soft_budget", c.usd(t.softBudget()));
    if (t.tpm().isPresent()) {
      n.put("tpm_limit", t.tpm().getAsLong());
    } else {
      n.putNull("tpm_limit");
    }
    if (t.rpm().isPresent()) {
      n.put("rpm_limit", t.rpm().getAsLong());
    } else {
      n.putNull("rpm_limit");
    }
    if (t.maxParallel().isPresent()) {
      n.put("max_parallel_requests", t.maxParallel().getAsInt());
    } else {
      n.putNull("max_parallel_requests");
    }
    n.put("budget_duration", t.duration().orElse(null));
    n.putNull("model_max_budget");
    n.put("created_at", t.createdAt().toString());
    return n;
  }
}
