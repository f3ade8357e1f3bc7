package dev.tollgate.domain.rate;

import java.time.Duration;
import java.time.Instant;

/**
 * A sliding window counted in fixed buckets: the window of length W is split into N buckets of
 * W/N; a request is admitted when the sum of the N most recent buckets (the current one included)
 * plus its amount stays within the limit.
 *
 * <p>Guarantee (exact, no estimate): the units counted in any N consecutive buckets never exceed
 * the limit, so any interval of length W - W/N sees at most {@code limit} units. The error bound
 * against an ideal sliding log: an interval of exactly W may touch N + 1 buckets, so a burst at the
 * very end of one window and the very start of the next can reach the limit plus the oldest
 * bucket's count. With the default 60 buckets per minute, that edge is one second wide. Token
 * corrections after the fact may push a window above its limit (the tokens were spent); the window
 * then admits nothing until it has room again.
 *
 * <p>Not thread-safe: a store serializes access. Memory: N longs.
 */
public final class RateWindow {

  private long limit;
  private final long bucketMillis;
  private final long[] counts;
  private long newestBucket = Long.MIN_VALUE;
  private long total;

  public RateWindow(long limit, Duration window, int buckets) {
    if (limit < 0 || buckets < 1 || window.toMillis() % buckets != 0 || window.toMillis() <= 0) {
      throw new IllegalArgumentException("invalid rate window");
    }
    this.limit = limit;
    this.bucketMillis = window.toMillis() / buckets;
    this.counts = new long[buckets];
  }

  public static RateWindow of(RateLimit limit) {
    return new RateWindow(limit.limit(), limit.window(), limit.buckets());
  }

  public RateDecision tryAcquire(long amount, Instant now) {
    if (amount < 0) {
      throw new IllegalArgumentException("amount must not be negative: " + amount);
    }
    long bucket = advance(now);
    if (amount > limit) {
      return new RateDecision.Limited(windowDuration(), total, limit);
    }
    if (total + amount > limit) {
      return new RateDecision.Limited(retryAfter(amount, bucket, now), total, limit);
    }
    counts[slot(bucket)] += amount;
    total += amount;
    return new RateDecision.Acquired(bucket);
  }

  /**
   * Corrects a bucket by {@code delta} (actual minus estimated tokens, or minus the whole amount to
   * undo a refused request). A bucket that has left the window is not touched: its units no longer
   * count anyway. A bucket never goes below zero.
   */
  public void adjust(long bucketIndex, long delta, Instant now) {
    long current = advance(now);
    if (bucketIndex > current || bucketIndex <= current - counts.length) {
      return;
    }
    int s = slot(bucketIndex);
    long next = Math.max(0, Math.addExact(counts[s], delta));
    total += next - counts[s];
    counts[s] = next;
  }

  /** Units counted in the current window. */
  public long used(Instant now) {
    advance(now);
    return total;
  }

  public long remaining(Instant now) {
    return Math.max(0, limit - used(now));
  }

  /** The limit changed: counts already made are kept and judged against the new limit. */
  public void changeLimit(long newLimit) {
    if (newLimit < 0) {
      throw new IllegalArgumentException("limit must not be negative: " + newLimit);
    }
    this.limit = newLimit;
  }

  /** True when this window counts in the same buckets as {@code other} would. */
  public boolean hasShapeOf(RateLimit other) {
    return other.bucketMillis() == bucketMillis && other.buckets() == counts.length;
  }

  public long limit() {
    return limit;
  }

  /** Time until the oldest non-empty bucket leaves the window (zero when empty). */
  public Duration resetAfter(Instant now) {
    long current = advance(now);
    for (long b = current - counts.length + 1; b <= current; b++) {
      if (counts[slot(b)] > 0) {
        return untilBucketLeaves(b, now);
      }
    }
    return Duration.ZERO;
  }

  private Duration retryAfter(long amount, long current, Instant now) {
    long freed = 0;
    for (long b = current - counts.length + 1; b <= current; b++) {
      freed += counts[slot(b)];
      if (total - freed + amount <= limit) {
        return untilBucketLeaves(b, now);
      }
    }
    return windowDuration();
  }

  private Duration untilBucketLeaves(long bucket, Instant now) {
    long leavesAtMillis = (bucket + counts.length) * bucketMillis;
    return Duration.ofMillis(Math.max(1, leavesAtMillis - now.toEpochMilli()));
  }

  private Duration windowDuration() {
    return Duration.ofMillis(bucketMillis * counts.length);
  }

  /** Moves the window to {@code now}, zeroing buckets that left it; returns the current bucket. */
  private long advance(Instant now) {
    long bucket = Math.floorDiv(now.toEpochMilli(), bucketMillis);
    if (newestBucket == Long.MIN_VALUE || bucket - newestBucket >= counts.length) {
      java.util.Arrays.fill(counts, 0);
      total = 0;
    } else {
      for (long b = newestBucket + 1; b <= bucket; b++) {
        total -= counts[slot(b)];
        counts[slot(b)] = 0;
      }
    }
    if (newestBucket == Long.MIN_VALUE || bucket > newestBucket) {
      newestBucket = bucket;
    }
    return newestBucket;
  }

  private int slot(long bucket) {
    return (int) Math.floorMod(bucket, (long) counts.length);
  }
}
