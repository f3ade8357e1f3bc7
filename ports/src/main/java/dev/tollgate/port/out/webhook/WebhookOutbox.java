package dev.tollgate.port.out.webhook;

import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.webhook.Delivery;
import dev.tollgate.domain.webhook.DeliveryStatus;
import dev.tollgate.domain.webhook.MessageId;
import dev.tollgate.domain.webhook.SubscriptionId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Deliveries waiting to be sent, sent, or given up: durable where the store is, so an event raised
 * is never lost to a restart. One row per subscription and event key, whoever raises it.
 */
public interface WebhookOutbox {

  int MAX_PAGE = 1000;
  /** The most rows one claim takes. */
  int MAX_CLAIM = 100;

  /**
   * Adds the rows whose (subscription, event key) is not there yet; the others are left as they
   * are. Answers how many were added.
   */
  int enqueue(List<Delivery> deliveries);

  /**
   * Takes up to {@code max} pending rows due by {@code now} that no live claim holds, holds them
   * until {@code claimUntil} and counts an attempt on each (the answer shows the counted
   * attempts). Callers at the same time, on any replica, get disjoint rows; a row whose claimant
   * died is due again once its claim lapses.
   */
  List<Delivery> claimDue(Instant now, Instant claimUntil, int max);

  /** The receiver took it (a 2xx). */
  void delivered(MessageId id, int status, Instant now);

  /** This attempt failed; try again at {@code nextAttemptAt}. */
  void retry(MessageId id, OptionalInt status, String error, Instant nextAttemptAt);

  /** This attempt failed and it was the last: failed for good. */
  void failed(MessageId id, OptionalInt status, String error, Instant now);

  /** Newest first, optionally one tenant's, one subscription's, in one state. */
  List<Delivery> list(Optional<TenantId> tenant, Optional<SubscriptionId> subscription,
      Optional<DeliveryStatus> status, int offset, int limit);

  Optional<Delivery> find(MessageId id);
}
