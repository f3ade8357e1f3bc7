package dev.tollgate.app.cli;

import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetPeriod;
import dev.tollgate.domain.budget.BudgetSnapshot;
import dev.tollgate.domain.budget.PeriodWindow;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.budget.SessionBudget;
import dev.tollgate.domain.key.KeyId;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tollgate budgets …} and {@code tollgate limits …}, on any scope. */
final class LimitCommands {

  private LimitCommands() {}

  @Command(name = "budgets", description = "Spend budgets on a tenant, team, key or one model on a key.",
      subcommands = {SetBudget.class, ShowBudget.class, RemoveBudget.class, SetSession.class,
          RemoveSession.class})
  static final class Budgets extends AdminCommand.Group {}

  @Command(name = "set-session", description = "set (or replace) a key's per-session budget: what"
      + " each client session (X-Claude-Code-Session-Id) of the key may spend")
  static final class SetSession extends AdminCommand {
    @Option(names = "--key", paramLabel = "KEY_ID", description = "the key (required)")
    Optional<KeyId> key = Optional.empty();

    @Option(names = "--limit", paramLabel = "USD",
        description = "what each session may spend, in USD (required)")
    Optional<Money> limit = Optional.empty();

    @Option(names = "--period", paramLabel = "PERIOD", description = "lifetime (default: the"
        + " session's whole life), daily, weekly or monthly (UTC)")
    Optional<BudgetPeriod> period = Optional.empty();

    @Override
    void run(CliContext ctx) {
      Scope scope = Scope.key(key.orElseThrow(() -> new UsageError("--key is required")));
      Money usd = limit.orElseThrow(() -> new UsageError("--limit is required"));
      SessionBudget budget = UsageError.checked("--limit",
          () -> new SessionBudget(usd, period.orElse(BudgetPeriod.lifetime())));
      ScopeLimits limits = Outcomes.done(
          ctx.admin().limits().setSessionBudget(ctx.actor(), scope, Optional.of(budget)),
          Text.scope(scope));
      ctx.out().println("Set the per-session budget of " + Text.scope(scope) + ".");
      Text.fields(ctx.out(), List.of(Map.entry("session budget", sessionBudget(limits))));
    }
  }

  @Command(name = "remove-session", description = "remove a key's per-session budget")
  static final class RemoveSession extends AdminCommand {
    @Option(names = "--key", paramLabel = "KEY_ID", description = "the key (required)")
    Optional<KeyId> key = Optional.empty();

    @Override
    void run(CliContext ctx) {
      Scope scope = Scope.key(key.orElseThrow(() -> new UsageError("--key is required")));
      Outcomes.done(ctx.admin().limits().setSessionBudget(ctx.actor(), scope, Optional.empty()),
          Text.scope(scope));
      ctx.out().println("Removed the per-session budget of " + Text.scope(scope) + ".");
    }
  }

  private static String sessionBudget(ScopeLimits l) {
    return l.sessionBudget().map(b -> Text.usd(b.limit()) + " USD per session, "
        + period(b.period())).orElse("none");
  }

  @Command(name = "limits",
      description = "Rate and concurrency limits, and everything that limits a scope.",
      subcommands = {SetLimits.class, ShowLimits.class, RemoveLimits.class})
  static final class Limits extends AdminCommand.Group {}

  /** A command on the one scope its flags name. */
  abstract static class OnScope extends AdminCommand {
    @Mixin ScopeOptions where;

    ScopeLimits read(CliContext ctx) {
      Scope scope = where.scope();
      return Outcomes.done(ctx.admin().limits().limits(ctx.actor(), scope), Text.scope(scope));
    }
  }

  @Command(name = "set", description = "set (or replace) the scope's budget")
  static final class SetBudget extends OnScope {
    @Option(names = "--limit", paramLabel = "USD",
        description = "the budget in USD, a decimal such as 25.00 (required)")
    Optional<Money> limit = Optional.empty();

    @Option(names = "--period", paramLabel = "PERIOD",
        description = "lifetime, daily, weekly or monthly (default monthly; UTC)")
    Optional<BudgetPeriod> period = Optional.empty();

    @Option(names = "--soft", paramLabel = "USD",
        description = "a soft limit: reported when crossed, never refuses")
    Optional<Money> soft = Optional.empty();

    @Override
    void run(CliContext ctx) {
      Scope scope = where.scope();
      Money hard = limit.orElseThrow(() -> new UsageError("--limit is required"));
      Budget budget = UsageError.checked("--limit",
          () -> new Budget(scope, hard, period.orElse(BudgetPeriod.monthly()), soft));
      ScopeLimits limits = Outcomes.done(ctx.admin().limits().setBudget(ctx.actor(), budget),
          Text.scope(scope));
      ctx.out().println("Set the budget of " + Text.scope(scope) + ".");
      printBudget(ctx, limits);
    }
  }

  @Command(name = "show", description = "show the scope's budget in its current window")
  static final class ShowBudget extends OnScope {
    @Override
    void run(CliContext ctx) {
      ScopeLimits limits = read(ctx);
      if (limits.budget().isEmpty()) {
        ctx.out().println(Text.scope(limits.scope()) + " has no budget.");
        return;
      }
      printBudget(ctx, limits);
    }
  }

  @Command(name = "remove", description = "remove the scope's budget")
  static final class RemoveBudget extends OnScope {
    @Override
    void run(CliContext ctx) {
      Scope scope = where.scope();
      Outcomes.done(ctx.admin().limits().removeBudget(ctx.actor(), scope), Text.scope(scope));
      ctx.out().println("Removed the budget of " + Text.scope(scope) + ".");
    }
  }

  @Command(name = "set", description = "set any of --rpm, --tpm, --max-parallel")
  static final class SetLimits extends OnScope {
    @Option(names = "--rpm", paramLabel = "N", description = "requests per minute")
    Optional<Long> rpm = Optional.empty();

    @Option(names = "--tpm", paramLabel = "N", description = "tokens per minute")
    Optional<Long> tpm = Optional.empty();

    @Option(names = "--max-parallel", paramLabel = "N", description = "requests in flight at once")
    Optional<Integer> parallel = Optional.empty();

    @Override
    void run(CliContext ctx) {
      Scope scope = where.scope();
      if (rpm.isEmpty() && tpm.isEmpty() && parallel.isEmpty()) {
        throw new UsageError("give at least one of --rpm, --tpm, --max-parallel");
      }
      List<RateLimit> rates = new ArrayList<>();
      rpm.ifPresent(n -> rates.add(UsageError.checked("--rpm", () ->
          RateLimit.perMinute(scope, RateKind.REQUESTS, n))));
      tpm.ifPresent(n -> rates.add(UsageError.checked("--tpm", () ->
          RateLimit.perMinute(scope, RateKind.TOKENS, n))));
      Optional<ParallelLimit> slots = parallel.map(n -> UsageError.checked("--max-parallel", () ->
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
  }

  @Command(name = "show", description = "show the scope's budget and limits with their current use")
  static final class ShowLimits extends OnScope {
    @Override
    void run(CliContext ctx) {
      print(ctx, read(ctx));
    }
  }

  @Command(name = "remove", description = "remove any of --rpm, --tpm, --max-parallel")
  static final class RemoveLimits extends OnScope {
    @Option(names = "--rpm", description = "remove the requests-per-minute limit")
    boolean rpm;

    @Option(names = "--tpm", description = "remove the tokens-per-minute limit")
    boolean tpm;

    @Option(names = "--max-parallel", description = "remove the parallel-requests limit")
    boolean parallel;

    @Override
    void run(CliContext ctx) {
      Scope scope = where.scope();
      if (!rpm && !tpm && !parallel) {
        throw new UsageError("give at least one of --rpm, --tpm, --max-parallel");
      }
      var limits = ctx.admin().limits();
      if (rpm) {
        Outcomes.done(limits.removeRateLimit(ctx.actor(), scope, RateKind.REQUESTS), Text.scope(scope));
      }
      if (tpm) {
        Outcomes.done(limits.removeRateLimit(ctx.actor(), scope, RateKind.TOKENS), Text.scope(scope));
      }
      if (parallel) {
        Outcomes.done(limits.removeParallelLimit(ctx.actor(), scope), Text.scope(scope));
      }
      ctx.out().println("Removed the chosen limits of " + Text.scope(scope) + ".");
    }
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
