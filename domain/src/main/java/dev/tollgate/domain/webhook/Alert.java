package dev.tollgate.domain.webhook;

import dev.tollgate.domain.tenancy.TenantId;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One event as detected: raised as often as it is noticed, sent once, because its
 * {@link #eventKey()} (event, subject, period) is unique in the outbox per subscription.
 *
 * @param subject what it is about: a budget's or a rate limit's scope (its storage key), a key
 *     ({@code key:<id>})
 * @param period the period it belongs to: a budget window's start, {@code lifetime}, a key's
 *     expiry, the hour of a sustained rate limit
 * @param data what the receiver is told beside the type (strings; amounts in USD)
 */
public record Alert(
    WebhookEvent event,
    TenantId tenant,
    String subject,
    String period,
    Instant occurredAt,
    Map<String, String> data) {

  public static final int MAX_PART_LENGTH = 512;

  public Alert {
    if (event == null || tenant == null || subject == null || period == null
        || occurredAt == null || data == null) {
      throw new IllegalArgumentException("every field of an alert is required");
    }
    if (subject.isEmpty() || subject.length() > MAX_PART_LENGTH || period.isEmpty()
        || period.length() > MAX_PART_LENGTH) {
      throw new IllegalArgumentException("subject and period are 1.." + MAX_PART_LENGTH + " characters");
    }
    data = java.util.Collections.unmodifiableMap(new TreeMap<>(data));
  }

  /** The idempotency key: one delivery per subscription for each. */
  public String eventKey() {
    return event.wireName() + "|" + subject + "|" + period;
  }
}
