package dev.tollgate.adapter.simulated;

import java.time.Duration;

/**
 * Paces one reply: a pause before the first byte and one between tokens. The total pause of a
 * reply is capped at {@link #MAX_TOTAL}, so a long reply with a slow pace cannot hold a connection
 * for hours. An interrupt ends pacing and the reply with it.
 */
final class Pacer {

  static final Duration MAX_TOTAL = Duration.ofMinutes(2);

  private final long firstByteNanos;
  private final long interTokenNanos;
  private long remainingNanos = MAX_TOTAL.toNanos();

  Pacer(Duration firstByte, Duration interToken) {
    this.firstByteNanos = firstByte.toNanos();
    this.interTokenNanos = interToken.toNanos();
  }

  /** Waits the time to first token; false if interrupted. */
  boolean beforeFirstByte() {
    return pause(firstByteNanos);
  }

  /** Waits between two streamed tokens; false if interrupted. */
  boolean betweenTokens() {
    return pause(interTokenNanos);
  }

  /** Waits as long as streaming {@code tokens} would have taken, for a reply sent whole. */
  boolean wholeReply(int tokens) {
    long perToken = tokens == 0 ? 0 : Math.min(interTokenNanos, MAX_TOTAL.toNanos() / tokens);
    return pause(firstByteNanos + perToken * Math.max(0, tokens - 1));
  }

  private boolean pause(long nanos) {
    long wait = Math.min(nanos, remainingNanos);
    if (wait <= 0) {
      return true;
    }
    remainingNanos -= wait;
    try {
      Thread.sleep(Duration.ofNanos(wait));
      return true;
    } catch (InterruptedException e) {
      // Only a stopping server interrupts a handler, and the handler returns at once. The flag is
      // deliberately not restored: Helidon waits on a latch after the handler returns, and a set
      // flag turns every stream cut by shutdown into a logged "Internal server error".
      return false;
    }
  }
}
