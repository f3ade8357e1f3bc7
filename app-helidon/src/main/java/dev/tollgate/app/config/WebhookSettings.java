package dev.tollgate.app.config;

import dev.tollgate.domain.webhook.RetryPolicy;
import dev.tollgate.service.AlertSettings;
import java.time.Duration;

/**
 * Budget alerts by webhook ({@code tollgate.webhooks.*}, docs/webhooks.md).
 *
 * @param enabled off: no event is detected and nothing is sent (subscriptions can still be managed)
 * @param retry attempts, first retry delay and longest delay ({@code max-attempts},
 *     {@code retry-base}, {@code retry-max})
 * @param timeout how long one send may take, connecting included
 * @param pollInterval how often the outbox is looked at for due deliveries
 * @param alerts when events fire ({@code key-expiring-lead}, {@code rate-limit-sustained-minutes})
 * @param sweepInterval how often the keys of subscribed tenants are swept for {@code key.expiring}
 *     and {@code budget.period_started} without traffic ({@code sweep-interval})
 */
public record WebhookSettings(boolean enabled, RetryPolicy retry, Duration timeout,
    Duration pollInterval, AlertSettings alerts, Duration sweepInterval) {

  public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofMinutes(1);
  public static final WebhookSettings DEFAULTS = new WebhookSettings(true, RetryPolicy.DEFAULT,
      Duration.ofSeconds(10), Duration.ofMillis(500), AlertSettings.DEFAULTS, DEFAULT_SWEEP_INTERVAL);

  /** With the default sweep interval. */
  public WebhookSettings(boolean enabled, RetryPolicy retry, Duration timeout,
      Duration pollInterval, AlertSettings alerts) {
    this(enabled, retry, timeout, pollInterval, alerts, DEFAULT_SWEEP_INTERVAL);
  }

  public WebhookSettings {
    if (retry == null || alerts == null) {
      throw new IllegalArgumentException("retry and alert settings are required");
    }
    if (timeout == null || timeout.compareTo(Duration.ofMillis(100)) < 0
        || timeout.compareTo(Duration.ofMinutes(5)) > 0) {
      throw new IllegalArgumentException("tollgate.webhooks.timeout must be 100ms..5 minutes");
    }
    if (pollInterval == null || pollInterval.compareTo(Duration.ofMillis(10)) < 0
        || pollInterval.compareTo(Duration.ofMinutes(1)) > 0) {
      throw new IllegalArgumentException("tollgate.webhooks.poll-interval must be 10ms..1 minute");
    }
    if (sweepInterval == null || sweepInterval.compareTo(Duration.ofMillis(100)) < 0
        || sweepInterval.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("tollgate.webhooks.sweep-interval must be 100ms..1 hour");
    }
  }

  /** How long a claim on an outbox row holds: past one send, so only a dead sender's lapses. */
  public Duration claimFor() {
    return timeout.multipliedBy(2).plusSeconds(5);
  }
}
