package dev.tollgate.domain.planted.clock;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.function.Supplier;

/** Planted: a domain policy that reads the wall clock every way (NO_SYSTEM_CLOCK_OR_RANDOMNESS_IN_CORE). */
public final class WallClockPolicy {

  public Instant instantNow() {
    return Instant.now();
  }

  /** Even with a clock: the domain takes {@code now} as a parameter, services call {@code clock.instant()}. */
  public LocalDate localDateNowWithClock(Clock clock) {
    return LocalDate.now(clock);
  }

  public Object otherNows() {
    return new Object[] {LocalDateTime.now(), ZonedDateTime.now(), OffsetDateTime.now()};
  }

  public Clock systemClocks() {
    Clock.systemDefaultZone();
    return Clock.systemUTC();
  }

  public long millisAndNanos() {
    return System.currentTimeMillis() + System.nanoTime();
  }

  /** A method reference is an access too, and is caught like a call. */
  public Supplier<Instant> nowLater() {
    return Instant::now;
  }
}
