package dev.tollgate.service;

import dev.tollgate.domain.budget.BudgetPeriod;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * LiteLLM's {@code budget_duration} as a Tollgate period. LiteLLM (since 2025) resets {@code 1d} at
 * midnight, {@code 7d} on Monday and {@code 30d}/{@code 1mo} on the 1st, in its configured time
 * zone (UTC unless set): those are Tollgate's daily, weekly and monthly, always UTC. Any other
 * whole number of days is every N days, its windows ending where LiteLLM's {@code budget_reset_at}
 * falls (at that day's UTC midnight). Tollgate's periods are whole UTC days, so a duration in
 * seconds, minutes or hours that is not whole days has no Tollgate period and is refused.
 */
public final class LitellmPeriods {

  private static final Pattern DURATION = Pattern.compile("(\\d{1,4})\\s*(mo|s|m|h|d|w)");

  private LitellmPeriods() {}

  /** A period, or why there is none. */
  public sealed interface Result {}

  public record Period(BudgetPeriod period) implements Result {}

  public record Unsupported(String why) implements Result {}

  public static Result of(Optional<String> duration, Optional<Instant> resetAt, Instant now) {
    if (duration.isEmpty() || duration.get().isBlank()) {
      return new Period(BudgetPeriod.lifetime());
    }
    Matcher m = DURATION.matcher(duration.get().trim());
    if (!m.matches()) {
      return new Unsupported("budget_duration '" + duration.get() + "' is not a LiteLLM duration");
    }
    int n = Integer.parseInt(m.group(1));
    return switch (m.group(2)) {
      case "mo" -> n == 1 ? new Period(BudgetPeriod.monthly())
          : new Unsupported("a budget of " + n + " months has no Tollgate period (monthly is 1)");
      case "w" -> days(7L * n, resetAt, now);
      case "d" -> days(n, resetAt, now);
      case "h" -> n % 24 == 0 ? days(n / 24, resetAt, now) : subDay(duration.get());
      default -> subDay(duration.get());
    };
  }

  /**
   * Whether LiteLLM's {@code spend} still belongs to the current period: not when its reset was
   * due already (LiteLLM's reset job had not run yet; the next period starts from zero).
   */
  static boolean spendIsCurrent(Optional<String> duration, Optional<Instant> resetAt, Instant now) {
    boolean renews = duration.isPresent() && !duration.get().isBlank();
    return !renews || resetAt.isEmpty() || resetAt.get().isAfter(now);
  }

  private static Result days(long n, Optional<Instant> resetAt, Instant now) {
    if (n < 1 || n > 3660) {
      return new Unsupported("a budget of " + n + " days has no Tollgate period");
    }
    if (n == 1) {
      return new Period(BudgetPeriod.daily());
    }
    if (n == 7) {
      return new Period(BudgetPeriod.weekly());
    }
    if (n == 30 || n == 31) {
      return new Period(BudgetPeriod.monthly());
    }
    LocalDate anchor = LocalDate.ofInstant(resetAt.orElse(now), ZoneOffset.UTC);
    return new Period(BudgetPeriod.everyDays((int) n, anchor));
  }

  private static Result subDay(String duration) {
    return new Unsupported("budget_duration '" + duration + "' is shorter than a day or not whole"
        + " days; Tollgate's budget periods are whole UTC days (set a daily budget, or a rate"
        + " limit, by hand)");
  }
}
