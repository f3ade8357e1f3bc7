package dev.tollgate.service;

import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetPeriod;
import dev.tollgate.domain.budget.HoldId;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.rate.ParallelLimit;
import dev.tollgate.domain.rate.RateKind;
import dev.tollgate.domain.rate.RateLimit;
import dev.tollgate.domain.tenancy.Actor;
import dev.tollgate.port.in.admin.AdminResult;
import dev.tollgate.port.in.admin.ManageLimits;
import dev.tollgate.port.in.admin.ScopeLimits;
import dev.tollgate.port.out.BudgetStore;
import dev.tollgate.port.out.litellm.LitellmLimits;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * One LiteLLM object's budget, rate limits and current-period spend onto one Tollgate scope:
 * budget and limits through {@link ManageLimits} (the same rules and audit as the admin API), and
 * the spend as a settlement of a hold that never existed on that scope alone, so the budget starts
 * exactly as used as it was in LiteLLM. Run only for an object this import created.
 */
final class LitellmScopeImport {

  private final ManageLimits limits;
  private final BudgetStore budgets;
  private final Actor actor;
  private final ImportLines lines;
  private final Instant now;

  LitellmScopeImport(ManageLimits limits, BudgetStore budgets, Actor actor, ImportLines lines,
      Instant now) {
    this.limits = limits;
    this.budgets = budgets;
    this.actor = actor;
    this.lines = lines;
    this.now = now;
  }

  /** Budget, limits and spend of {@code source} (e.g. {@code team 7f3…}) on {@code scope}. */
  void apply(String source, Scope scope, LitellmLimits l, BigDecimal spend) {
    l.maxBudget().ifPresent(max -> budget(source, scope, l, max, spend));
    l.rpm().ifPresent(n -> rate(source, scope, RateKind.REQUESTS, n));
    l.tpm().ifPresent(n -> rate(source, scope, RateKind.TOKENS, n));
    l.maxParallelRequests().ifPresent(n -> {
      int slots = (int) Math.min(Math.max(n, 0), Integer.MAX_VALUE);
      write(source, "limit", scope, "at most " + slots + " requests in flight",
          () -> limits.setParallelLimit(actor, new ParallelLimit(scope, slots)));
    });
  }

  private void budget(String source, Scope scope, LitellmLimits l, BigDecimal max, BigDecimal spend) {
    BudgetPeriod period;
    switch (LitellmPeriods.of(l.budgetDuration(), l.budgetResetAt(), now)) {
      case LitellmPeriods.Unsupported u -> {
        lines.skipped("budget", source, u.why());
        return;
      }
      case LitellmPeriods.Period p -> period = p.period();
    }
    Optional<Money> limit = LitellmDollars.limit(max);
    if (limit.isEmpty()) {
      lines.skipped("budget", source, "max_budget " + max.toPlainString() + " does not fit nano-USD");
      return;
    }
    Optional<Money> soft = l.softBudget().flatMap(LitellmDollars::limit)
        .filter(s -> !s.isGreaterThan(limit.get()));
    Budget budget = new Budget(scope, limit.get(), period, soft);
    boolean written = write(source, "budget", scope, "$" + limit.get().toPlainUsd() + " "
        + period.name() + soft.map(s -> ", soft $" + s.toPlainUsd()).orElse(""),
        () -> limits.setBudget(actor, budget));
    if (written) {
      openingSpend(source, scope, l, spend);
    }
  }

  private void openingSpend(String source, Scope scope, LitellmLimits l, BigDecimal spend) {
    if (!LitellmPeriods.spendIsCurrent(l.budgetDuration(), l.budgetResetAt(), now)) {
      lines.note("spend", source, scope.storageKey(), "LiteLLM's spend $" + spend.toPlainString()
          + " belongs to the period that ended at " + l.budgetResetAt().orElseThrow()
          + " (LiteLLM had not reset it yet): the budget starts unused");
      return;
    }
    Optional<Money> amount = LitellmDollars.spent(spend);
    if (amount.isEmpty()) {
      lines.skipped("spend", source, "spend " + spend.toPlainString() + " does not fit nano-USD");
      return;
    }
    if (amount.get().isZero()) {
      return;
    }
    if (!lines.dryRun()) {
      budgets.settle(openingHold(scope), List.of(scope), now, amount.get(), now);
    }
    lines.imported("spend", source, scope.storageKey(), "$" + amount.get().toPlainUsd()
        + " already spent this period (LiteLLM: " + spend.toPlainString() + ")");
  }

  private void rate(String source, Scope scope, RateKind kind, long n) {
    RateLimit limit = RateLimit.perMinute(scope, kind, Math.max(n, 0));
    write(source, "limit", scope, (kind == RateKind.REQUESTS ? "rpm " : "tpm ") + limit.limit(),
        () -> limits.setRateLimit(actor, limit));
  }

  private boolean write(String source, String kind, Scope scope, String what,
      java.util.function.Supplier<AdminResult<ScopeLimits>> change) {
    if (lines.dryRun()) {
      lines.imported(kind, source, scope.storageKey(), what);
      return true;
    }
    AdminResult<ScopeLimits> result = change.get();
    if (result instanceof AdminResult.Done<ScopeLimits>) {
      lines.imported(kind, source, scope.storageKey(), what);
      return true;
    }
    lines.skipped(kind, source, what + ": refused (" + result + ")");
    return false;
  }

  /** One hold id per scope: a retried import within a day posts the opening spend once. */
  static HoldId openingHold(Scope scope) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(scope.storageKey().getBytes(StandardCharsets.UTF_8));
      return HoldId.of("litellm-open:" + HexFormat.of().formatHex(digest, 0, 16));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
