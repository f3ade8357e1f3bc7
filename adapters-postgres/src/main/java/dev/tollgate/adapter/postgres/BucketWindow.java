package dev.tollgate.adapter.postgres;

import dev.tollgate.adapter.postgres.RateMapper.BucketRow;
import dev.tollgate.adapter.postgres.RateMapper.LimitRow;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.rate.RateDecision;
import dev.tollgate.domain.rate.RateKind;
import dev.tollgate.domain.rate.RateLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One stored rate window, loaded under its limit row's lock and judged exactly as the in-memory
 * {@link dev.tollgate.domain.rate.RateWindow} judges (the domain class keeps its buckets in a ring
 * and cannot be restored from rows, so its rules are restated here): the current bucket is the
 * newest ever counted or now's, whichever is later; the window is the last {@code buckets}
 * buckets up to it.
 */
final class BucketWindow {

  private final LimitRow row;
  private final long bucketMillis;
  private final long current;
  private final TreeMap<Long, Long> counts = new TreeMap<>();
  private long total;
  private long added;
  private boolean hasAged;

  private BucketWindow(LimitRow row, long current) {
    this.row = row;
    this.bucketMillis = row.windowMillis() / row.buckets();
    this.current = current;
  }

  /** The window of {@code row} at {@code now}, from its bucket rows (others are ignored). */
  static BucketWindow of(LimitRow row, List<BucketRow> rows, Instant now) {
    long nowBucket = Math.floorDiv(now.toEpochMilli(), row.windowMillis() / row.buckets());
    long current =
        row.newestBucket() == null ? nowBucket : Math.max(row.newestBucket(), nowBucket);
    BucketWindow window = new BucketWindow(row, current);
    for (BucketRow b : rows) {
      if (b.bucketIndex() > current - row.buckets() && b.bucketIndex() <= current) {
        window.counts.merge(b.bucketIndex(), b.units(), Math::addExact);
        window.total = Math.addExact(window.total, b.units());
      } else if (b.bucketIndex() <= current - row.buckets()) {
        window.hasAged = true;
      }
    }
    return window;
  }

  RateDecision tryAcquire(long amount, Instant now) {
    if (amount > row.limitUnits()) {
      return new RateDecision.Limited(windowDuration(), total, row.limitUnits());
    }
    if (total + amount > row.limitUnits()) {
      return new RateDecision.Limited(retryAfter(amount, now), total, row.limitUnits());
    }
    counts.merge(current, amount, Math::addExact);
    total = Math.addExact(total, amount);
    added = Math.addExact(added, amount);
    return new RateDecision.Acquired(current);
  }

  /** True when {@code bucket} is still inside the window (a correction to it still counts). */
  boolean holds(long bucket) {
    return bucket <= current && bucket > current - row.buckets();
  }

  long used() {
    return total;
  }

  long remaining() {
    return Math.max(0, row.limitUnits() - total);
  }

  long limit() {
    return row.limitUnits();
  }

  /** Time until the oldest non-empty bucket leaves the window (zero when empty). */
  Duration resetAfter(Instant now) {
    for (Map.Entry<Long, Long> e : counts.entrySet()) {
      if (e.getValue() > 0) {
        return untilBucketLeaves(e.getKey(), now);
      }
    }
    return Duration.ZERO;
  }

  RateLimit rateLimit(Scope scope) {
    return rateLimit(scope, row);
  }

  /** The limit a row stores, on the scope it was read for (storage keys are injective). */
  static RateLimit rateLimit(Scope scope, LimitRow row) {
    return new RateLimit(scope, RateKind.valueOf(row.kind()), row.limitUnits(),
        Duration.ofMillis(row.windowMillis()), row.buckets());
  }

  /** Units this transaction counted, all in the current bucket; empty when none. */
  List<BucketRow> additions() {
    return added == 0
        ? List.of()
        : List.of(new BucketRow(row.scopeKey(), row.kind(), current, added));
  }

  /** The newest bucket to store, when the window moved on. */
  List<BucketRow> move() {
    boolean moved = row.newestBucket() == null || current > row.newestBucket();
    return moved ? List.of(new BucketRow(row.scopeKey(), row.kind(), current, 0)) : List.of();
  }

  /** The last bucket that left the window, when rows older than the window remain. */
  List<BucketRow> aged() {
    return hasAged
        ? List.of(new BucketRow(row.scopeKey(), row.kind(), current - row.buckets(), 0))
        : List.of();
  }

  private Duration retryAfter(long amount, Instant now) {
    long freed = 0;
    for (Map.Entry<Long, Long> e : counts.entrySet()) {
      freed += e.getValue();
      if (total - freed + amount <= row.limitUnits()) {
        return untilBucketLeaves(e.getKey(), now);
      }
    }
    return windowDuration();
  }

  private Duration untilBucketLeaves(long bucket, Instant now) {
    long leavesAtMillis = (bucket + row.buckets()) * bucketMillis;
    return Duration.ofMillis(Math.max(1, leavesAtMillis - now.toEpochMilli()));
  }

  private Duration windowDuration() {
    return Duration.ofMillis(bucketMillis * row.buckets());
  }
}
