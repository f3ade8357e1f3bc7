package dev.tollgate.service;

import dev.tollgate.domain.webhook.Alert;
import dev.tollgate.domain.webhook.Delivery;
import dev.tollgate.domain.webhook.WebhookEvent;
import dev.tollgate.domain.webhook.WebhookSubscription;
import dev.tollgate.port.out.webhook.WebhookOutbox;
import dev.tollgate.port.out.webhook.WebhookSubscriptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Raises a platform event ({@link WebhookEvent#isPlatformEvent}) into the outbox for every
 * subscription that wants it, whatever its tenant: only the platform administrator can subscribe
 * to one, so no tenant hears of it through a subscription of its own making. Once per subscription
 * and event key, as every alert (the outbox's unique key).
 */
public final class PlatformAlerts {

  /** Subscriptions read per page, and the most pages read (bounds the read to 50,000). */
  static final int PAGE = 1000;
  static final int MAX_PAGES = 50;

  private final WebhookSubscriptions subscriptions;
  private final WebhookOutbox outbox;
  private final boolean enabled;

  /** {@code enabled} false (webhooks off): nothing is raised, so nothing waits to be sent later. */
  public PlatformAlerts(WebhookSubscriptions subscriptions, WebhookOutbox outbox, boolean enabled) {
    this.subscriptions = subscriptions;
    this.outbox = outbox;
    this.enabled = enabled;
  }

  /** Answers how many deliveries were added (0 when raised before or nobody wants it). */
  public int raise(WebhookEvent event, String subject, String period, Map<String, String> data,
      Instant now) {
    if (!event.isPlatformEvent()) {
      throw new IllegalArgumentException(event.wireName() + " is a tenant's event");
    }
    if (!enabled) {
      return 0;
    }
    List<Delivery> rows = new ArrayList<>();
    for (int page = 0; page < MAX_PAGES; page++) {
      List<WebhookSubscription> found = subscriptions.list(Optional.empty(), page * PAGE, PAGE);
      for (WebhookSubscription s : found) {
        if (s.wants(event)) {
          Alert alert = new Alert(event, s.tenant(), subject, period, now, data);
          rows.add(Delivery.of(s, alert, WebhookPayloads.body(s.format(), alert), now));
        }
      }
      if (found.size() < PAGE) {
        break;
      }
    }
    return rows.isEmpty() ? 0 : outbox.enqueue(rows);
  }
}
