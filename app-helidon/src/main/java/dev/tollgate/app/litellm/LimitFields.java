package dev.tollgate.app.litellm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetPeriod;
import dev.tollgate.domain.budget.BudgetSnapshot;
import dev.tollgate.domain.budget.PeriodWindow;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.rate.ParallelLimit;
import dev.tollgate.domain.rate.RateKind;
import dev.tollgate.domain.rate.RateLimit;
import dev.tollgate.domain.tenancy.Actor;
import dev.tollgate.port.in.admin.AdminResult;
import dev.tollgate.port.in.admin.ManageLimits;
import dev.tollgate.port.in.admin.ScopeLimits;
import dev.tollgate.service.LitellmPeriods;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * LiteLLM's limit fields on a key, team or customer ({@code max_budget}, {@code soft_budget},
 * {@code budget_duration}, {@code tpm_limit}, {@code rpm_limit}, {@code max_parallel_requests}) as
 * {@link ManageLimits} calls on one scope: a field given sets, {@code null} removes, absent leaves
 * alone. Read back, the same fields from the scope's limits.
 */
final class LimitFields {

  static final Set<String> FIELDS = Set.of("max_budget", "soft_budget", "budget_duration",
      "tpm_limit", "rpm_limit", "max_parallel_requests");
  static final long MAX_RATE = 1_000_000_000_000L;

  private LimitFields() {}

  /** One validated change; run against a scope once the scope exists. */
  interface Step extends Function<Scope, AdminResult<ScopeLimits>> {}

  /**
   * Reads and checks every limit field of {@code body} (a bad one throws before anything changes).
   * {@code current} is the scope's budget now, for a duration or soft budget changed alone.
   */
  static List<Step> plan(ManageLimits limits, Actor actor, LitellmBody body, Instant now,
      Optional<Budget> current) {
    List<Step> steps = new ArrayList<>();
    boolean budgetNamed = body.has("max_budget") || body.has("soft_budget")
        || body.has("budget_duration");
    if (body.isNull("max_budget")) {
      steps.add(scope -> limits.removeBudget(actor, scope));
    } else if (budgetNamed) {
      Optional<Money> max = body.usd("max_budget").or(() -> current.map(Budget::limit));
      if (max.isEmpty()) {
        body.refuseUnlessEmpty("soft_budget", "a soft budget needs a max_budget");
      } else {
        BudgetPeriod period = body.has("budget_duration")
            ? period(body.text("budget_duration", 16), now)
            : current.map(Budget::period).orElse(BudgetPeriod.lifetime());
        Optional<Money> soft = body.isNull("soft_budget") ? Optional.empty()
            : body.usd("soft_budget").or(() -> current.flatMap(Budget::softLimit));
        if (soft.isPresent() && soft.get().isGreaterThan(max.get())) {
          throw LitellmError.badRequest("soft_budget", "'soft_budget' must not exceed max_budget.");
        }
        Money limit = max.get();
        steps.add(scope -> limits.setBudget(actor, new Budget(scope, limit, period, soft)));
      }
    }
    rate(limits, actor, body, "rpm_limit", RateKind.REQUESTS, steps);
    rate(limits, actor, body, "tpm_limit", RateKind.TOKENS, steps);
    if (body.isNull("max_parallel_requests")) {
      steps.add(scope -> limits.removeParallelLimit(actor, scope));
    } else if (body.given("max_parallel_requests")) {
      int max = body.whole("max_parallel_requests", 1, 100_000).orElseThrow().intValue();
      steps.add(scope -> limits.setParallelLimit(actor, new ParallelLimit(scope, max)));
    }
    return steps;
  }

  /** Runs the steps in turn; the first refusal stops them and is thrown. */
  static void run(List<Step> steps, Scope scope) {
    for (Step s : steps) {
      LitellmError.done(s.apply(scope));
    }
  }

  /** LiteLLM's {@code budget_duration} ({@code 30d}, {@code 1mo}, or daily/weekly/monthly). */
  static BudgetPeriod period(Optional<String> duration, Instant now) {
    Optional<String> d = duration.map(s -> switch (s.trim()) {
      case "daily" -> "1d";
      case "weekly" -> "7d";
      case "monthly" -> "1mo";
      default -> s;
    });
    return switch (LitellmPeriods.of(d, Optional.empty(), now)) {
      case LitellmPeriods.Period p -> p.period();
      case LitellmPeriods.Unsupported u -> throw LitellmError.badRequest("budget_duration", u.why());
    };
  }

  /** The period as LiteLLM writes it: {@code 1d}, {@code 7d}, {@code 1mo}, {@code Nd}; null. */
  static String duration(BudgetPeriod period) {
    return switch (period) {
      case BudgetPeriod.Lifetime l -> null;
      case BudgetPeriod.Daily d -> "1d";
      case BudgetPeriod.Weekly w -> "7d";
      case BudgetPeriod.Monthly m -> "1mo";
      case BudgetPeriod.EveryDays e -> e.days() + "d";
    };
  }

  /**
   * The limit fields of a scope into {@code out}, LiteLLM's names; {@code asked} is the duration
   * as the client last wrote it, shown while it still means the period in force.
   */
  static void view(LitellmCall c, ScopeLimits l, Optional<String> asked, ObjectNode out) {
    Optional<BudgetSnapshot> b = l.budget();
    out.set("max_budget", c.usd(b.map(s -> s.budget().limit())));
    out.set("soft_budget", c.usd(b.flatMap(s -> s.budget().softLimit())));
    String canonical = b.map(s -> duration(s.budget().period())).orElse(null);
    String shown = asked.filter(a -> b.isPresent()
        && safePeriod(a).map(p -> p.equals(b.get().budget().period())).orElse(false))
        .orElse(canonical);
    out.put("budget_duration", shown);
    out.put("budget_reset_at", b.map(BudgetSnapshot::window)
        .filter(w -> !w.equals(PeriodWindow.LIFETIME)).map(w -> w.end().toString()).orElse(null));
    out.set("spend", c.usd(b.map(BudgetSnapshot::posted).orElse(Money.ZERO)));
    if (l.tokens().isPresent()) {
      out.put("tpm_limit", l.tokens().get().limit().limit());
    } else {
      out.putNull("tpm_limit");
    }
    if (l.requests().isPresent()) {
      out.put("rpm_limit", l.requests().get().limit().limit());
    } else {
      out.putNull("rpm_limit");
    }
    if (l.parallel().isPresent()) {
      out.put("max_parallel_requests", l.parallel().get().maxInFlight());
    } else {
      out.putNull("max_parallel_requests");
    }
  }

  private static Optional<BudgetPeriod> safePeriod(String asked) {
    try {
      return Optional.of(period(Optional.of(asked), Instant.EPOCH))
          .filter(p -> !(p instanceof BudgetPeriod.EveryDays));
    } catch (LitellmError e) {
      return Optional.empty();
    }
  }

  private static void rate(ManageLimits limits, Actor actor, LitellmBody body, String field,
      RateKind kind, List<Step> steps) {
    if (body.isNull(field)) {
      steps.add(scope -> limits.removeRateLimit(actor, scope, kind));
    } else if (body.given(field)) {
      long limit = body.whole(field, 0, MAX_RATE).orElseThrow();
      steps.add(scope -> limits.setRateLimit(actor, RateLimit.perMinute(scope, kind, limit)));
    }
  }
}
