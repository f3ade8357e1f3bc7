package dev.tollgate.domain.budget;

import java.time.Instant;

/**
 * One bucket of a budget period: spend posted inside [start, end) counts against it. A lifetime
 * budget has a single window from {@link Instant#MIN} to {@link Instant#MAX}.
 */
public record PeriodWindow(Instant start, Instant end) {

  public static final PeriodWindow LIFETIME = new PeriodWindow(Instant.MIN, Instant.MAX);

  public PeriodWindow {
    if (!start.isBefore(end)) {
      throw new IllegalArgumentException("window start must be before its end");
    }
  }

  public boolean contains(Instant instant) {
    return !instant.isBefore(start) && instant.isBefore(end);
  }

  public boolean isLifetime() {
    return end.equals(Instant.MAX);
  }
}
