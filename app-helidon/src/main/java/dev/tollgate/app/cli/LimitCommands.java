package dev.tollgate.app.cli;

import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetPeriod;
import dev.tollgate.domain.budget.BudgetSnapshot;
import dev.tollgate.domain.budget.PeriodWindow;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.budget.SessionBudget;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.rate.ParallelLimit;
import dev.tollgate.domain.rate.RateKind;
import dev.tollgate.domain.rate.RateLimit;
import dev.tollgate.domain.rate.RateUsage;
import dev.tollgate.port.in.admin.ScopeLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code tollgate budgets …} and {@code tollgate limits …}, on any scope. */
final class LimitCommands {

  private LimitCommands() {}

  static Group budgets() {
    List<Flag> set = new ArrayList<>(Parse.scopeFlags());
    set.add(Flag.value("limit", "USD", "the budget in USD, a decimal such as 25.00 (required)"));
    set.add(Flag.value("period", "PERIOD", "lifetime, daily, weekly or monthly (default monthly;"
        + " UTC)"));
    set.add(Flag.value("soft", "USD", "a soft limit: reported when crossed, never refuses"));
    return new Group("budgets", "Spend budgets on a tenant, team, key or one model on a key.",
        List.of(
            new Command("set", List.of(), set, "set (or replace) the scope's budget",
                LimitCommands::setBudget),
            new Command("show", List.of(), Parse.scopeFlags(),
                "show the scope's budget in its current window", LimitCommands::showBudget),
            new Command("remove", List.of(), Parse.scopeFlags(), "remove the scope's budget",
                (a, ctx) -> {
                  Scope scope = Parse.scope(a);
                  Outcomes.done(ctx.admin().limits().removeBudget(ctx.actor(), scope),
                      Text.scope(scope));
                  ctx.out().println("Removed the budget of " + Text.scope(scope) + ".");
                }),
            new Command("set-session", List.of(), sessionFlags(true),
                "set (or replace) a key's per-session budget: what each client session"
                    + " (X-Claude-Code-Session-Id) of the key may spend",
                LimitCommands::setSessionBudget),
            new Command("remove-session", List.of(), sessionFlags(false),
                "remove a key's per-session budget", LimitCommands::removeSessionBudget)));
  }

  private static List<Flag> sessionFlags(boolean set) {
    List<Flag> flags = new ArrayList<>();
    flags.add(Flag.value("key", "KEY_ID", "the key (required)"));
    if (set) {
      flags.add(Flag.value("limit", "USD", "what each session may spend, in USD (required)"));
      flags.add(Flag.value("period", "PERIOD", "lifetime (default: the session's whole life),"
          + " daily, weekly or monthly (UTC)"));
    }
    return flags;
  }

  private static void setSessionBudget(Args a, CliContext ctx) {
    Scope scope = Scope.key(a.required("key", dev.tollgate.domain.key.KeyId::of));
    Money limit = a.required("limit", Money::usd);
    BudgetPeriod period = a.get("period", Parse::period).orElse(BudgetPeriod.lifetime());
    SessionBudget budget = Args.converted("--limit", "", s -> new SessionBudget(limit, period));
    ScopeLimits limits = Outcomes.done(
        ctx.admin().limits().setSessionBudget(ctx.actor(), scope, Optional.of(budget)),
        Text.scope(scope));
    ctx.out().println("Set the per-session budget of " + Text.scope(scope) + ".");
    Text.fields(ctx.out(), List.of(Map.entry("session budget", sessionBudget(limits))));
  }

  private static void removeSessionBudget(Args a, CliContext ctx) {
    Scope scope = Scope.key(a.required("key", dev.tollgate.domain.key.KeyId::of));
    Outcomes.done(ctx.admin().limits().setSessionBudget(ctx.actor(), scope, Optional.empty()),
        Text.scope(scope));
    ctx.out().println("Removed the per-session budget of " + Text.scope(scope) + ".");
  }

  private static String sessionBudget(ScopeLimits l) {
    return l.sessionBudget().map(b -> Text.usd(b.limit()) + " USD per session, "
        + period(b.period())).orElse("none");
  }

  static Group limits() {
    List<Flag> set = new ArrayList<>(Parse.scopeFlags());
    set.add(Flag.value("rpm", "N", "requests per minute"));
    set.add(Flag.value("tpm", "N", "tokens per minute"));
    set.add(Flag.value("max-parallel", "N", "requests in flight at once"));
    List<Flag> remove = new ArrayList<>(Parse.scopeFlags());
    remove.add(Flag.toggle("rpm", "remove the requests-per-minute limit"));
    remove.add(Flag.toggle("tpm", "remove the tokens-per-minute limit"));
    remove.add(Flag.toggle("max-parallel", "remove the parallel-requests limit"));
    return new Group("limits", "Rate and concurrency limits, and everything that limits a scope.",
        List.of(
            new Command("set", List.of(), set, "set any of --rpm, --tpm, --max-parallel",
                LimitCommands::setLimits),
            new Command("show", List.of(), Parse.scopeFlags(),
                "show the scope's budget and limits with their current use",
                (a, ctx) -> print(ctx, read(a, ctx))),
            new Command("remove", List.of(), remove, "remove any of --rpm, --tpm, --max-parallel",
                LimitCommands::removeLimits)));
  }

  private static void setBudget(Args a, CliContext ctx) {
    Scope scope = Parse.scope(a);
    Money limit = a.required("limit", Money::usd);
    BudgetPeriod period = a.get("period", Parse::period).orElse(BudgetPeriod.monthly());
    Optional<Money> soft = a.get("soft", Money::usd);
    Budget budget = Args.converted("--limit", "", s -> new Budget(scope, limit, period, soft));
    ScopeLimits limits = Outcomes.done(ctx.admin().limits().setBudget(ctx.actor(), budget),
        Text.scope(scope));
    ctx.out().println("Set the budget of " + Text.scope(scope) + ".");
    printBudget(ctx, limits);
  }

  private static void showBudget(Args a, CliContext ctx) {
    ScopeLimits limits = read(a, ctx);
    if (limits.budget().isEmpty()) {
      ctx.out().println(Text.scope(limits.scope()) + " has no budget.");
      return;
    }
    printBudget(ctx, limits);
  }

  private static void setLimits(Args a, CliContext ctx) {
    Scope scope = Parse.scope(a);
    Optional<Long> rpm = a.get("rpm", Long::parseLong);
    Optional<Long> tpm = a.get("tpm", Long::parseLong);
    Optional<Integer> parallel = a.get("max-parallel", Integer::parseInt);
    if (rpm.isEmpty() && tpm.isEmpty() && parallel.isEmpty()) {
      throw new UsageError("give at least one of --rpm, --tpm, --max-parallel");
    }
    List<RateLimit> rates = new ArrayList<>();
    rpm.ifPresent(n -> rates.add(Args.converted("--rpm", "", s ->
        RateLimit.perMinute(scope, RateKind.REQUESTS, n))));
    tpm.ifPresent(n -> rates.add(Args.converted("--tpm", "", s ->
        RateLimit.perMinute(scope, RateKind.TOKENS, n))));
    Optional<ParallelLimit> slots = parallel.map(n -> Args.converted("--max-parallel", "", s ->
        new ParallelLimit(scope, n)));
    ScopeLimits limits = null;
    for (RateLimit r : rates) {
      limits = Outcomes.done(ctx.admin().limits().setRateLimit(ctx.actor(), r), Text.scope(scope));
    }
    if (slots.isPresent()) {
      limits = Outcomes.done(ctx.admin().limits().setParallelLimit(ctx.actor(), slots.get()),
          Text.scope(scope));
    }
    ctx.out().println("Set the limits of " + Text.scope(scope) + ".");
    print(ctx, limits);
  }

  private static void removeLimits(Args a, CliContext ctx) {
    Scope scope = Parse.scope(a);
    if (!a.has("rpm") && !a.has("tpm") && !a.has("max-parallel")) {
      throw new UsageError("give at least one of --rpm, --tpm, --max-parallel");
    }
    var limits = ctx.admin().limits();
    if (a.has("rpm")) {
      Outcomes.done(limits.removeRateLimit(ctx.actor(), scope, RateKind.REQUESTS), Text.scope(scope));
    }
    if (a.has("tpm")) {
      Outcomes.done(limits.removeRateLimit(ctx.actor(), scope, RateKind.TOKENS), Text.scope(scope));
    }
    if (a.has("max-parallel")) {
      Outcomes.done(limits.removeParallelLimit(ctx.actor(), scope), Text.scope(scope));
    }
    ctx.out().println("Removed the chosen limits of " + Text.scope(scope) + ".");
  }

  private static ScopeLimits read(Args a, CliContext ctx) {
    Scope scope = Parse.scope(a);
    return Outcomes.done(ctx.admin().limits().limits(ctx.actor(), scope), Text.scope(scope));
  }

  private static void print(CliContext ctx, ScopeLimits l) {
    List<Map.Entry<String, String>> lines = budgetLines(l);
    lines.add(Map.entry("rpm", rate(l.requests())));
    lines.add(Map.entry("tpm", rate(l.tokens())));
    lines.add(Map.entry("max-parallel", l.parallel()
        .map(p -> p.maxInFlight() + " (in flight " + l.inFlight() + ")").orElse("none")));
    if (l.scope() instanceof Scope.Key) {
      lines.add(Map.entry("session budget", sessionBudget(l)));
    }
    Text.fields(ctx.out(), lines);
  }

  private static void printBudget(CliContext ctx, ScopeLimits l) {
    Text.fields(ctx.out(), budgetLines(l));
  }

  private static List<Map.Entry<String, String>> budgetLines(ScopeLimits l) {
    List<Map.Entry<String, String>> lines = new ArrayList<>();
    lines.add(Map.entry("scope", Text.scope(l.scope())));
    if (l.budget().isEmpty()) {
      lines.add(Map.entry("budget", "none"));
      return lines;
    }
    BudgetSnapshot b = l.budget().get();
    lines.add(Map.entry("budget", Text.usd(b.budget().limit()) + " USD " + period(b.budget().period())
        + b.budget().softLimit().map(s -> " (soft " + Text.usd(s) + ")").orElse("")));
    lines.add(Map.entry("window", window(b.window())));
    lines.add(Map.entry("posted", Text.usd(b.posted())));
    lines.add(Map.entry("held", Text.usd(b.held())));
    lines.add(Map.entry("remaining", Text.usd(b.remaining())));
    return lines;
  }

  private static String rate(Optional<RateUsage> usage) {
    return usage.map(u -> u.limit().limit() + " per " + u.limit().window().toSeconds() + "s (used "
        + u.used() + ", remaining " + u.remaining() + ")").orElse("none");
  }

  static String period(BudgetPeriod period) {
    return switch (period) {
      case BudgetPeriod.Lifetime l -> "lifetime";
      case BudgetPeriod.Daily d -> "daily";
      case BudgetPeriod.Weekly w -> "weekly";
      case BudgetPeriod.Monthly m -> "monthly";
      case BudgetPeriod.EveryDays e -> "every " + e.days() + " days from " + e.anchor();
    };
  }

  private static String window(PeriodWindow w) {
    return w.isLifetime() ? "lifetime" : w.start() + " .. " + w.end();
  }
}
