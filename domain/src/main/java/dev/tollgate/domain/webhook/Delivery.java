package dev.tollgate.domain.webhook;

import dev.tollgate.domain.tenancy.TenantId;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One outbox row: an event for one subscription, with the body fixed when it was raised (every
 * attempt sends the same bytes under the same {@link MessageId}; only the timestamp and the
 * signature are fresh, as the Standard Webhooks specification asks).
 *
 * @param attempts sends tried so far
 * @param nextAttemptAt when a pending row is due
 * @param lastStatus the receiver's last HTTP status, if it answered
 * @param lastError why the last attempt failed, if it did
 */
public record Delivery(
    MessageId id,
    SubscriptionId subscription,
    TenantId tenant,
    WebhookEvent event,
    String eventKey,
    String body,
    DeliveryStatus status,
    int attempts,
    Instant createdAt,
    Instant nextAttemptAt,
    OptionalInt lastStatus,
    Optional<String> lastError) {

  /** The longest error text kept. */
  public static final int MAX_ERROR_LENGTH = 500;

  public Delivery {
    if (id == null || subscription == null || tenant == null || event == null || eventKey == null
        || body == null || status == null || createdAt == null || nextAttemptAt == null
        || lastStatus == null || lastError == null) {
      throw new IllegalArgumentException("every field of a delivery is required");
    }
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must not be negative");
    }
    lastError = lastError.map(Delivery::clip);
  }

  /** A new row for {@code alert} to {@code subscription}, due at once. */
  public static Delivery of(WebhookSubscription subscription, Alert alert, String body, Instant now) {
    return new Delivery(MessageId.of(subscription.id(), alert.eventKey()), subscription.id(),
        subscription.tenant(), alert.event(), alert.eventKey(), body, DeliveryStatus.PENDING, 0,
        now, now, OptionalInt.empty(), Optional.empty());
  }

  public static String clip(String error) {
    return error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
  }
}
