package dev.tollgate.service;

import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.rate.RateKind;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * "Sustained", for {@code rate_limit.sustained}: one rate limit (scope and kind) refused requests
 * in each of {@code minutes} consecutive clock minutes. A burst inside one minute is not
 * sustained; a minute without a refusal ends the streak. Kept by the detector's one thread.
 */
final class RateLimitStreaks {

  /** Limits followed at once; past it the oldest knowledge is dropped (a streak starts over). */
  static final int MAX_TRACKED = 10_000;

  private final int minutes;
  private final Map<String, long[]> streaks = new HashMap<>(); // {first minute, last minute}

  RateLimitStreaks(int minutes) {
    this.minutes = minutes;
  }

  /**
   * Counts a refusal at {@code at}; answers the hour (UTC) it makes the streak sustained in, the
   * period of its alert (so one alert per limit and hour at most), or empty.
   */
  Optional<Instant> refused(Scope scope, RateKind kind, Instant at) {
    long minute = Math.floorDiv(at.getEpochSecond(), 60);
    String key = scope.storageKey() + "|" + kind;
    long[] streak = streaks.get(key);
    if (streak == null || minute > streak[1] + 1) {
      if (streaks.size() >= MAX_TRACKED) {
        streaks.clear();
      }
      streak = new long[] {minute, minute};
      streaks.put(key, streak);
    } else {
      streak[1] = Math.max(streak[1], minute);
    }
    return streak[1] - streak[0] + 1 >= minutes
        ? Optional.of(at.truncatedTo(ChronoUnit.HOURS)) : Optional.empty();
  }
}
