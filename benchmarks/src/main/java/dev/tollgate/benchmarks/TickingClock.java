package dev.tollgate.benchmarks;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves {@code tickNanos} forward on every read. With hold and slot lifetimes of N
 * ticks, an authorize-only loop (which never settles) keeps about N requests in flight: each
 * admission lapses the oldest one, as a settle would, so the stores stay the size they have under
 * N concurrent requests instead of growing for the whole run.
 */
final class TickingClock extends Clock {

  private final Instant start;
  private final long tickNanos;
  private final AtomicLong reads = new AtomicLong();

  TickingClock(Instant start, long tickNanos) {
    this.start = start;
    this.tickNanos = tickNanos;
  }

  @Override
  public Instant instant() {
    return start.plusNanos(reads.incrementAndGet() * tickNanos);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("benchmarks run in UTC");
  }
}
