package dev.tollgate.app.http;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One concise line per event, at most {@code perWindow} lines per window; the rest are counted and
 * the count is reported on the next line written. What a client can cause at will (cut-off
 * bodies, stalled connections) is logged through this, so a client cannot flood the log: no stack
 * traces, a bounded number of lines.
 */
public final class RateLimitedLog {

  private final Logger logger;
  private final Level level;
  private final int perWindow;
  private final long windowNanos;
  private final LongSupplier nanoTime;

  private long windowStart;
  private int writtenInWindow;
  private long suppressed;

  public RateLimitedLog(Logger logger, Level level, int perWindow, Duration window) {
    this(logger, level, perWindow, window, System::nanoTime);
  }

  RateLimitedLog(Logger logger, Level level, int perWindow, Duration window, LongSupplier nanoTime) {
    if (perWindow < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("a rate-limited log writes at least one line per window");
    }
    this.logger = logger;
    this.level = level;
    this.perWindow = perWindow;
    this.windowNanos = window.toNanos();
    this.nanoTime = nanoTime;
    this.windowStart = nanoTime.getAsLong();
  }

  /** Writes {@code line} unless this window's lines are spent; answers whether it was written. */
  public boolean log(String line) {
    long dropped;
    synchronized (this) {
      long now = nanoTime.getAsLong();
      if (now - windowStart >= windowNanos) {
        windowStart = now;
        writtenInWindow = 0;
      }
      if (writtenInWindow >= perWindow) {
        suppressed++;
        return false;
      }
      writtenInWindow++;
      dropped = suppressed;
      suppressed = 0;
    }
    if (logger.isLoggable(level)) {
      logger.log(level, dropped == 0 ? line : line + " (" + dropped + " similar lines suppressed)");
    }
    return true;
  }
}
