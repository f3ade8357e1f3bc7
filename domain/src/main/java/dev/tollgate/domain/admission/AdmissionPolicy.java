package dev.tollgate.domain.admission;

import dev.tollgate.domain.admission.Admission.Denied;
import dev.tollgate.domain.budget.PeriodWindow;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.key.VirtualKey;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.rate.RateDecision;
import dev.tollgate.domain.rate.RateKind;
import dev.tollgate.domain.rate.SlotPool;
import dev.tollgate.domain.tenancy.TenantPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The pure rules of admission. Each check answers empty (go on) or the {@link Denied} the client
 * gets; the service applies them in order: key, model, parallel slots, rate windows, budgets.
 */
public final class AdmissionPolicy {

  private AdmissionPolicy() {}

  /** The key's own state: blocked or expired. */
  public static Optional<Denied> checkKeyState(VirtualKey key, Instant now) {
    if (key.blocked()) {
      return Optional.of(Denied.of(DenialReason.KEY_BLOCKED, "This API key is blocked."));
    }
    if (key.isExpiredAt(now)) {
      return Optional.of(Denied.of(DenialReason.KEY_EXPIRED, "This API key has expired."));
    }
    return Optional.empty();
  }

  /** The key's tenant: a deactivated tenant's keys are refused. */
  public static Optional<Denied> checkTenant(TenantPolicy policy) {
    if (!policy.active()) {
      return Optional.of(Denied.of(DenialReason.TENANT_INACTIVE,
          "This API key's organization is deactivated."));
    }
    return Optional.empty();
  }

  /** The key's own state, and whether it may use this model. */
  public static Optional<Denied> checkKey(VirtualKey key, ModelName model, Instant now) {
    Optional<Denied> state = checkKeyState(key, now);
    if (state.isPresent()) {
      return state;
    }
    if (!key.allows(model)) {
      return Optional.of(
          Denied.of(
              DenialReason.MODEL_NOT_ALLOWED,
              "This API key is not allowed to use model '" + model.value() + "'."));
    }
    return Optional.empty();
  }

  public static Denied rateLimited(Scope scope, RateKind kind, RateDecision.Limited limited) {
    String unit = kind == RateKind.REQUESTS ? "requests" : "tokens";
    DenialReason reason =
        kind == RateKind.REQUESTS
            ? DenialReason.REQUEST_RATE_LIMITED
            : DenialReason.TOKEN_RATE_LIMITED;
    String message =
        "Rate limit reached for "
            + describe(scope)
            + ": "
            + limited.limit()
            + " "
            + unit
            + " per window, "
            + limited.used()
            + " used. Retry after "
            + seconds(limited.retryAfter())
            + "s.";
    return new Denied(reason, message, Optional.of(limited.retryAfter()));
  }

  public static Denied parallelLimited(Scope scope, int limit) {
    return new Denied(
        DenialReason.PARALLEL_LIMITED,
        "Too many parallel requests for " + describe(scope) + " (limit " + limit + ").",
        Optional.of(SlotPool.BUSY_RETRY_AFTER));
  }

  /**
   * How soon to retry when holds, not posted spend, are what blocks a budget: holds settle as
   * their requests finish, typically within seconds, so the client is asked back shortly rather
   * than at the period's end.
   */
  public static final Duration HELD_RETRY_AFTER = Duration.ofSeconds(1);

  /** The budget cannot cover the request's maximum cost until its period turns (if it does). */
  public static Denied budgetExhausted(
      Scope scope, Money available, Money needed, PeriodWindow window, Instant now) {
    return budgetExhausted(scope, available, Money.ZERO, needed, window, now);
  }

  /**
   * The budget cannot cover the request's maximum cost now. {@code available} is what it has left
   * (limit - posted - held), {@code held} what in-flight holds take of it: when those alone stand
   * in the way ({@code available + held >= needed}) the client may retry after
   * {@link #HELD_RETRY_AFTER}; when posted spend alone exhausts it, at the period's end (never,
   * for a lifetime budget).
   */
  public static Denied budgetExhausted(
      Scope scope, Money available, Money held, Money needed, PeriodWindow window, Instant now) {
    Money left = available.max(Money.ZERO);
    boolean holdsBlock = held.isPositive() && left.plus(held).isAtLeast(needed);
    Optional<Duration> retry = holdsBlock
        ? Optional.of(HELD_RETRY_AFTER)
        : window.isLifetime()
            ? Optional.empty()
            : Optional.of(Duration.between(now, window.end()).plusSeconds(1));
    String message =
        "Budget exceeded for "
            + describe(scope)
            + ": this request may cost up to $"
            + needed.toPlainUsd()
            + " and $"
            + left.toPlainUsd()
            + " remains"
            + (holdsBlock
                ? " while requests in flight hold $" + held.toPlainUsd() + " of it."
                : window.isLifetime() ? "." : " until " + window.end() + ".");
    return new Denied(DenialReason.BUDGET_EXHAUSTED, message, retry);
  }

  public static String describe(Scope scope) {
    return switch (scope) {
      case Scope.Tenant t -> "tenant " + t.tenant().value();
      case Scope.Team t -> "team " + t.team().value() + " of tenant " + t.tenant().value();
      case Scope.Key k -> "key " + k.key().value();
      case Scope.KeyModel km -> "key " + km.key().value() + " on model " + km.model().value();
      case Scope.EndUser u -> "end user " + u.user().value() + " of tenant " + u.tenant().value();
      case Scope.Session s -> "session " + s.session().value() + " of key " + s.key().value();
      case Scope.TenantTag t -> "tag " + t.tag().value() + " of tenant " + t.tenant().value();
    };
  }

  private static long seconds(Duration d) {
    return Math.max(1, (d.toMillis() + 999) / 1000);
  }
}
