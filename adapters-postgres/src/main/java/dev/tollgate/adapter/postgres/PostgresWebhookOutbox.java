package dev.tollgate.adapter.postgres;

import dev.tollgate.adapter.postgres.WebhookMapper.DeliveryRow;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.webhook.Delivery;
import dev.tollgate.domain.webhook.DeliveryStatus;
import dev.tollgate.domain.webhook.MessageId;
import dev.tollgate.domain.webhook.SubscriptionId;
import dev.tollgate.domain.webhook.WebhookEvent;
import dev.tollgate.port.out.webhook.WebhookOutbox;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The outbox in {@code webhook_outbox}: an insert that finds its (subscription, event key) there
 * does nothing, and a claim is one {@code UPDATE … FOR UPDATE SKIP LOCKED … RETURNING}, so
 * replicas claiming at once get disjoint rows.
 */
final class PostgresWebhookOutbox implements WebhookOutbox {

  private final Db db;

  PostgresWebhookOutbox(Db db) {
    this.db = db;
  }

  @Override
  public int enqueue(List<Delivery> deliveries) {
    if (deliveries.isEmpty()) {
      return 0;
    }
    return db.inTransaction("enqueue webhook deliveries", tx -> {
      WebhookMapper sql = tx.mapper(WebhookMapper.class);
      int added = 0;
      for (Delivery d : deliveries) {
        added += sql.insertDelivery(row(d));
      }
      return added;
    });
  }

  @Override
  public List<Delivery> claimDue(Instant now, Instant claimUntil, int max) {
    return db.read("claim webhook deliveries", tx -> tx.mapper(WebhookMapper.class)
        .claim(now, claimUntil, Math.min(max, MAX_CLAIM))).stream()
        .map(PostgresWebhookOutbox::delivery).toList();
  }

  @Override
  public void delivered(MessageId id, int status, Instant now) {
    record(id, DeliveryStatus.DELIVERED, now, OptionalInt.of(status), null);
  }

  @Override
  public void retry(MessageId id, OptionalInt status, String error, Instant nextAttemptAt) {
    record(id, DeliveryStatus.PENDING, nextAttemptAt, status, Delivery.clip(error));
  }

  @Override
  public void failed(MessageId id, OptionalInt status, String error, Instant now) {
    record(id, DeliveryStatus.FAILED, now, status, Delivery.clip(error));
  }

  private void record(MessageId id, DeliveryStatus status, Instant next, OptionalInt lastStatus,
      String error) {
    Integer code = lastStatus.isPresent() ? lastStatus.getAsInt() : null;
    db.read("record a webhook attempt", tx -> tx.mapper(WebhookMapper.class)
        .record(id.value(), status.wireName(), next, code, error));
  }

  @Override
  public List<Delivery> list(Optional<TenantId> tenant, Optional<SubscriptionId> subscription,
      Optional<DeliveryStatus> status, int offset, int limit) {
    return db.read("list webhook deliveries", tx -> tx.mapper(WebhookMapper.class).deliveries(
            tenant.map(TenantId::value).orElse(null),
            subscription.map(SubscriptionId::value).orElse(null),
            status.map(DeliveryStatus::wireName).orElse(null), offset, Math.min(limit, MAX_PAGE)))
        .stream().map(PostgresWebhookOutbox::delivery).toList();
  }

  @Override
  public Optional<Delivery> find(MessageId id) {
    return Optional.ofNullable(db.read("find a webhook delivery",
        tx -> tx.mapper(WebhookMapper.class).delivery(id.value())))
        .map(PostgresWebhookOutbox::delivery);
  }

  private static DeliveryRow row(Delivery d) {
    return new DeliveryRow(d.id().value(), d.subscription().value(), d.tenant().value(),
        d.event().wireName(), d.eventKey(), d.body(), d.status().wireName(), d.attempts(),
        d.createdAt(), d.nextAttemptAt(),
        d.lastStatus().isPresent() ? d.lastStatus().getAsInt() : null, d.lastError().orElse(null));
  }

  private static Delivery delivery(DeliveryRow r) {
    return new Delivery(MessageId.of(r.id()), SubscriptionId.of(r.subscriptionId()),
        TenantId.of(r.tenantId()), WebhookEvent.named(r.event()).orElseThrow(), r.eventKey(),
        r.body(), DeliveryStatus.named(r.status()).orElseThrow(), r.attempts(), r.createdAt(),
        r.nextAttemptAt(),
        r.lastStatus() == null ? OptionalInt.empty() : OptionalInt.of(r.lastStatus()),
        Optional.ofNullable(r.lastError()));
  }
}
