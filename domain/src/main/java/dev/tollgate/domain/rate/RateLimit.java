package dev.tollgate.domain.rate;

import dev.tollgate.domain.budget.Scope;
import java.time.Duration;

/**
 * At most {@code limit} units of {@code kind} per {@code window} on one scope, counted in
 * {@code buckets} equal sub-windows (see {@link RateWindow} for the exact guarantee).
 */
public record RateLimit(Scope scope, RateKind kind, long limit, Duration window, int buckets) {

  public static final int DEFAULT_BUCKETS = 60;
  public static final int MAX_BUCKETS = 3600;

  public RateLimit {
    if (scope == null || kind == null || window == null) {
      throw new IllegalArgumentException("scope, kind and window are required");
    }
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative: " + limit);
    }
    if (buckets < 1 || buckets > MAX_BUCKETS) {
      throw new IllegalArgumentException("buckets must be 1.." + MAX_BUCKETS);
    }
    if (window.isNegative() || window.isZero() || window.toMillis() % buckets != 0) {
      throw new IllegalArgumentException("window must be a positive whole number of ms per bucket");
    }
  }

  public static RateLimit perMinute(Scope scope, RateKind kind, long limit) {
    return new RateLimit(scope, kind, limit, Duration.ofMinutes(1), DEFAULT_BUCKETS);
  }

  public long bucketMillis() {
    return window.toMillis() / buckets;
  }
}
