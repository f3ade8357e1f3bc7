package dev.tollgate.app.config;

import java.time.Duration;

/**
 * What one client may take from the listener ({@code tollgate.server.*}): connections, the time
 * each phase of a request may last, the tokenizer's work and the bytes buffered at once. Every
 * bound is finite, so a client that opens connections and never finishes them is reaped.
 *
 * @param maxConnections concurrent TCP connections; the listener stops accepting at this many
 *     (the kernel queues the rest), and it is lowered further to stay under the descriptor limit
 * @param idleTimeout a connection that has not started a request for this long is closed
 * @param headerTimeout a request's line and headers must arrive within this, or it is closed
 * @param bodyTimeout a request body must arrive within this after its headers, or it is closed
 * @param maxTokenizedChars prompts longer than this are not tokenized: their UTF-8 byte count is
 *     the token estimate (an upper bound, as every token covers at least one byte)
 * @param maxBufferedBodyBytes request bodies buffered at once across all {@code /v1} requests
 * @param bufferWait how long a request waits for buffer room before a 503
 * @param drainTimeout on a graceful stop, how long requests already running may take to finish
 *     before the listener is stopped (and they are cut off)
 */
public record ServerLimits(
    int maxConnections,
    Duration idleTimeout,
    Duration headerTimeout,
    Duration bodyTimeout,
    int maxTokenizedChars,
    long maxBufferedBodyBytes,
    Duration bufferWait,
    Duration drainTimeout) {

  /** Ten minutes: no phase of a request may be configured to wait longer. */
  public static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

  public static final ServerLimits DEFAULTS = new ServerLimits(
      10_000, Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofSeconds(60),
      262_144, 256L * 1024 * 1024, Duration.ofSeconds(2), Duration.ofSeconds(120));

  public ServerLimits {
    if (maxConnections < 1) {
      throw new IllegalArgumentException("tollgate.server.max-connections must be at least 1");
    }
    requireBounded("idle-timeout", idleTimeout);
    requireBounded("header-timeout", headerTimeout);
    requireBounded("body-timeout", bodyTimeout);
    if (maxTokenizedChars < 1) {
      throw new IllegalArgumentException("tollgate.server.max-tokenized-chars must be at least 1");
    }
    if (maxBufferedBodyBytes < 1 || maxBufferedBodyBytes > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "tollgate.server.max-buffered-body-bytes must be 1.." + Integer.MAX_VALUE);
    }
    if (bufferWait.isNegative() || bufferWait.compareTo(MAX_TIMEOUT) > 0) {
      throw new IllegalArgumentException("tollgate.server.buffer-wait must be 0.." + MAX_TIMEOUT);
    }
    if (drainTimeout.isNegative() || drainTimeout.compareTo(MAX_TIMEOUT) > 0) {
      throw new IllegalArgumentException("tollgate.server.drain-timeout must be 0.." + MAX_TIMEOUT);
    }
  }

  /** The same limits with another {@code drain-timeout}. */
  public ServerLimits withDrainTimeout(Duration timeout) {
    return new ServerLimits(maxConnections, idleTimeout, headerTimeout, bodyTimeout,
        maxTokenizedChars, maxBufferedBodyBytes, bufferWait, timeout);
  }

  private static void requireBounded(String key, Duration d) {
    if (d.isNegative() || d.isZero() || d.compareTo(MAX_TIMEOUT) > 0) {
      throw new IllegalArgumentException(
          "tollgate.server." + key + " must be more than 0 and at most " + MAX_TIMEOUT);
    }
  }
}
