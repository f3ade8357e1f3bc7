package dev.tollgate.adapter.memory;

import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.webhook.Delivery;
import dev.tollgate.domain.webhook.DeliveryStatus;
import dev.tollgate.domain.webhook.MessageId;
import dev.tollgate.domain.webhook.SubscriptionId;
import dev.tollgate.port.out.webhook.WebhookOutbox;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The outbox in memory, for the memory store: gone with the process (docs/webhooks.md says so),
 * otherwise the same contract as the durable one. Bounded: past {@link #MAX_ROWS} the oldest
 * finished rows are dropped first.
 */
public final class InMemoryWebhookOutbox implements WebhookOutbox {

  static final int MAX_ROWS = 100_000;

  private final Map<MessageId, Row> rows = new LinkedHashMap<>();
  /** The subscriptions that exist: a row for any other is not added (a delete races an enqueue). */
  final java.util.Set<SubscriptionId> live = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private static final class Row {
    Delivery delivery;
    Instant claimedUntil;

    Row(Delivery delivery) {
      this.delivery = delivery;
    }
  }

  @Override
  public synchronized int enqueue(List<Delivery> deliveries) {
    int added = 0;
    for (Delivery d : deliveries) {
      if (!rows.containsKey(d.id()) && live.contains(d.subscription())) {
        rows.put(d.id(), new Row(d));
        added++;
      }
    }
    trim();
    return added;
  }

  private void trim() {
    if (rows.size() <= MAX_ROWS) {
      return;
    }
    rows.values().removeIf(r -> rows.size() > MAX_ROWS
        && r.delivery.status() != DeliveryStatus.PENDING);
  }

  @Override
  public synchronized List<Delivery> claimDue(Instant now, Instant claimUntil, int max) {
    List<Row> due = new ArrayList<>();
    for (Row r : rows.values()) {
      if (r.delivery.status() == DeliveryStatus.PENDING && !r.delivery.nextAttemptAt().isAfter(now)
          && (r.claimedUntil == null || !r.claimedUntil.isAfter(now))) {
        due.add(r);
      }
    }
    due.sort(Comparator.comparing(r -> r.delivery.nextAttemptAt()));
    List<Delivery> out = new ArrayList<>();
    for (Row r : due.subList(0, Math.min(due.size(), Math.min(max, MAX_CLAIM)))) {
      r.claimedUntil = claimUntil;
      r.delivery = with(r.delivery, DeliveryStatus.PENDING, r.delivery.attempts() + 1,
          r.delivery.nextAttemptAt(), r.delivery.lastStatus(), r.delivery.lastError());
      out.add(r.delivery);
    }
    return out;
  }

  @Override
  public synchronized void delivered(MessageId id, int status, Instant now) {
    update(id, d -> with(d, DeliveryStatus.DELIVERED, d.attempts(), now, OptionalInt.of(status),
        Optional.empty()));
  }

  @Override
  public synchronized void retry(MessageId id, OptionalInt status, String error, Instant next) {
    update(id, d -> with(d, DeliveryStatus.PENDING, d.attempts(), next, status, Optional.of(error)));
  }

  @Override
  public synchronized void failed(MessageId id, OptionalInt status, String error, Instant now) {
    update(id, d -> with(d, DeliveryStatus.FAILED, d.attempts(), now, status, Optional.of(error)));
  }

  private void update(MessageId id, java.util.function.UnaryOperator<Delivery> change) {
    Row r = rows.get(id);
    if (r != null) {
      r.delivery = change.apply(r.delivery);
      r.claimedUntil = null;
    }
  }

  private static Delivery with(Delivery d, DeliveryStatus status, int attempts, Instant next,
      OptionalInt lastStatus, Optional<String> lastError) {
    return new Delivery(d.id(), d.subscription(), d.tenant(), d.event(), d.eventKey(), d.body(),
        status, attempts, d.createdAt(), next, lastStatus, lastError);
  }

  @Override
  public synchronized List<Delivery> list(Optional<TenantId> tenant,
      Optional<SubscriptionId> subscription, Optional<DeliveryStatus> status, int offset, int limit) {
    List<Delivery> out = new ArrayList<>();
    for (Row r : rows.values()) {
      Delivery d = r.delivery;
      if (tenant.map(d.tenant()::equals).orElse(true)
          && subscription.map(d.subscription()::equals).orElse(true)
          && status.map(d.status()::equals).orElse(true)) {
        out.add(d);
      }
    }
    out.sort(Comparator.comparing(Delivery::createdAt).reversed()
        .thenComparing(d -> d.id().value()));
    return out.stream().skip(offset).limit(Math.min(limit, MAX_PAGE)).toList();
  }

  @Override
  public synchronized Optional<Delivery> find(MessageId id) {
    return Optional.ofNullable(rows.get(id)).map(r -> r.delivery);
  }

  /** Drops a deleted subscription's rows. */
  synchronized void forget(SubscriptionId subscription) {
    rows.values().removeIf(r -> r.delivery.subscription().equals(subscription));
  }
}
