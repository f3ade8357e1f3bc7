package dev.tollgate.domain.budget;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/**
 * How a budget renews. A period is a function of the clock: the window an instant falls in is
 * computed, never stored, so no reset job exists and a missed run cannot leave a budget stale. All
 * boundaries are UTC midnights.
 */
public sealed interface BudgetPeriod {

  PeriodWindow windowAt(Instant now);

  /** Never renews. */
  record Lifetime() implements BudgetPeriod {
    @Override
    public PeriodWindow windowAt(Instant now) {
      return PeriodWindow.LIFETIME;
    }
  }

  /** Each UTC day. */
  record Daily() implements BudgetPeriod {
    @Override
    public PeriodWindow windowAt(Instant now) {
      LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
      return between(day, day.plusDays(1));
    }
  }

  /** Monday 00:00 UTC to the next Monday. */
  record Weekly() implements BudgetPeriod {
    @Override
    public PeriodWindow windowAt(Instant now) {
      LocalDate monday =
          LocalDate.ofInstant(now, ZoneOffset.UTC)
              .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      return between(monday, monday.plusWeeks(1));
    }
  }

  /** The 1st of each calendar month, UTC. */
  record Monthly() implements BudgetPeriod {
    @Override
    public PeriodWindow windowAt(Instant now) {
      LocalDate first = LocalDate.ofInstant(now, ZoneOffset.UTC).withDayOfMonth(1);
      return between(first, first.plusMonths(1));
    }
  }

  /** Every {@code days} days counted from {@code anchor} (a UTC date), in both directions. */
  record EveryDays(int days, LocalDate anchor) implements BudgetPeriod {
    public EveryDays {
      if (days < 1 || days > 3660) {
        throw new IllegalArgumentException("days must be 1..3660: " + days);
      }
      if (anchor == null) {
        throw new IllegalArgumentException("anchor is required");
      }
    }

    @Override
    public PeriodWindow windowAt(Instant now) {
      long since = ChronoUnit.DAYS.between(anchor, LocalDate.ofInstant(now, ZoneOffset.UTC));
      LocalDate start = anchor.plusDays(Math.floorDiv(since, days) * (long) days);
      return between(start, start.plusDays(days));
    }
  }

  /** The calendar periods by the names administrators use for them. */
  static Optional<BudgetPeriod> named(String name) {
    return switch (name) {
      case "lifetime" -> Optional.of(lifetime());
      case "daily" -> Optional.of(daily());
      case "weekly" -> Optional.of(weekly());
      case "monthly" -> Optional.of(monthly());
      default -> Optional.empty();
    };
  }

  /** The names {@link #named} knows, for messages. */
  String NAMES = "lifetime, daily, weekly, monthly";

  /** {@code lifetime}, {@code daily}, {@code weekly}, {@code monthly} or {@code every_N_days}. */
  default String name() {
    return switch (this) {
      case Lifetime l -> "lifetime";
      case Daily d -> "daily";
      case Weekly w -> "weekly";
      case Monthly m -> "monthly";
      case EveryDays e -> "every_" + e.days() + "_days";
    };
  }

  static BudgetPeriod lifetime() {
    return new Lifetime();
  }

  static BudgetPeriod daily() {
    return new Daily();
  }

  static BudgetPeriod weekly() {
    return new Weekly();
  }

  static BudgetPeriod monthly() {
    return new Monthly();
  }

  static BudgetPeriod everyDays(int days, LocalDate anchor) {
    return new EveryDays(days, anchor);
  }

  private static PeriodWindow between(LocalDate from, LocalDate to) {
    return new PeriodWindow(
        from.atStartOfDay().toInstant(ZoneOffset.UTC), to.atStartOfDay().toInstant(ZoneOffset.UTC));
  }
}
