package dev.tollgate.service;

import java.time.Duration;

/**
 * When events fire ({@code tollgate.webhooks.*}, docs/webhooks.md).
 *
 * @param keyExpiringLead {@code key.expiring} fires for a key that serves a request within this
 *     long of its expiry
 * @param sustainedMinutes {@code rate_limit.sustained}: a rate limit on one scope refused requests
 *     in this many consecutive clock minutes
 * @param recheckInterval how often one budget's state is read again (off the request path) to see
 *     whether its period turned or a limit was reached, at most
 * @param queueCapacity signals waiting to be judged; beyond it they are dropped and counted
 */
public record AlertSettings(
    Duration keyExpiringLead, int sustainedMinutes, Duration recheckInterval, int queueCapacity) {

  public static final AlertSettings DEFAULTS =
      new AlertSettings(Duration.ofDays(7), 3, Duration.ofSeconds(5), 10_000);

  public AlertSettings {
    if (keyExpiringLead == null || keyExpiringLead.isNegative()
        || keyExpiringLead.compareTo(Duration.ofDays(365)) > 0) {
      throw new IllegalArgumentException("the key-expiring lead is 0..365 days");
    }
    if (sustainedMinutes < 1 || sustainedMinutes > 60) {
      throw new IllegalArgumentException("sustained minutes are 1..60");
    }
    if (recheckInterval == null || recheckInterval.isNegative()
        || recheckInterval.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("the recheck interval is 0..1 hour");
    }
    if (queueCapacity < 1 || queueCapacity > 1_000_000) {
      throw new IllegalArgumentException("the queue capacity is 1..1000000");
    }
  }
}
