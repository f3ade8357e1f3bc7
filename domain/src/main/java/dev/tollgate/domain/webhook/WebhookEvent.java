package dev.tollgate.domain.webhook;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The events a subscription may ask for, by their wire names (docs/webhooks.md). */
public enum WebhookEvent {
  BUDGET_SOFT_LIMIT_CROSSED("budget.soft_limit_crossed"),
  BUDGET_EXHAUSTED("budget.exhausted"),
  BUDGET_PERIOD_STARTED("budget.period_started"),
  KEY_EXPIRING("key.expiring"),
  KEY_BLOCKED("key.blocked"),
  RATE_LIMIT_SUSTAINED("rate_limit.sustained"),
  /**
   * The ledger and the data plane's own counters disagree past the threshold (docs/observability.md,
   * reconciliation): a platform event, subscribed to by the platform administrator only.
   */
  RECONCILIATION_MISMATCH("reconciliation.mismatch");

  /** Every wire name, in declaration order (for error messages and docs). */
  public static final List<String> NAMES = Arrays.stream(values()).map(WebhookEvent::wireName).toList();

  private final String wireName;

  WebhookEvent(String wireName) {
    this.wireName = wireName;
  }

  /** Whether only the platform administrator may subscribe to it (it is about every tenant). */
  public boolean isPlatformEvent() {
    return this == RECONCILIATION_MISMATCH;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<WebhookEvent> named(String name) {
    return Arrays.stream(values()).filter(e -> e.wireName.equals(name)).findFirst();
  }
}
