package dev.tollgate.domain.rate;

import java.time.Duration;

/** The outcome of asking a rate window for room. */
public sealed interface RateDecision {

  /** Counted in the bucket with this absolute index (needed to correct a token estimate). */
  record Acquired(long bucketIndex) implements RateDecision {}

  /**
   * No room now; {@code retryAfter} is when enough of the window will have aged out, or the whole
   * window when the amount alone exceeds the limit (it will never fit).
   */
  record Limited(Duration retryAfter, long used, long limit) implements RateDecision {}
}
