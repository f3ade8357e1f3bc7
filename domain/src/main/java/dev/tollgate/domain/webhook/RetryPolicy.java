package dev.tollgate.domain.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Exponential backoff with a bound: after attempt {@code n} fails, the next is {@code base x 2^(n-1)}
 * later (at most {@code maxDelay}); after {@code maxAttempts} the delivery has failed for good.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

  public static final int MAX_ATTEMPTS = 50;
  /** Eight attempts over about 21 minutes: 5 s, 10 s, 20 s, 40 s, 80 s, 160 s, 320 s, 600 s. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(8, Duration.ofSeconds(5), Duration.ofMinutes(10));

  public RetryPolicy {
    if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS) {
      throw new IllegalArgumentException("max attempts must be 1.." + MAX_ATTEMPTS);
    }
    if (baseDelay == null || maxDelay == null || baseDelay.isNegative() || baseDelay.isZero()
        || maxDelay.compareTo(baseDelay) < 0 || maxDelay.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException("0 < base delay <= max delay <= 1 day");
    }
  }

  /** When to try again after {@code attemptsSoFar} failed; empty: give up. */
  public Optional<Instant> nextAttempt(int attemptsSoFar, Instant now) {
    if (attemptsSoFar >= maxAttempts) {
      return Optional.empty();
    }
    int doublings = Math.min(Math.max(attemptsSoFar - 1, 0), 30);
    Duration delay = baseDelay.multipliedBy(1L << doublings);
    return Optional.of(now.plus(delay.compareTo(maxDelay) > 0 ? maxDelay : delay));
  }
}
