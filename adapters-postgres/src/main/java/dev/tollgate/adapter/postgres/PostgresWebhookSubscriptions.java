package dev.tollgate.adapter.postgres;

import dev.tollgate.adapter.postgres.WebhookMapper.SubscriptionRow;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.webhook.PayloadFormat;
import dev.tollgate.domain.webhook.SubscriptionId;
import dev.tollgate.domain.webhook.WebhookEvent;
import dev.tollgate.domain.webhook.WebhookSubscription;
import dev.tollgate.port.out.webhook.WebhookSubscriptions;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Subscriptions in {@code webhook_subscriptions}; a tenant's creates serialized by an advisory lock. */
final class PostgresWebhookSubscriptions implements WebhookSubscriptions {

  private final Db db;

  PostgresWebhookSubscriptions(Db db) {
    this.db = db;
  }

  @Override
  public boolean create(WebhookSubscription s) {
    SubscriptionRow row = new SubscriptionRow(s.id().value(), s.tenant().value(), s.url().toString(),
        s.events().stream().map(WebhookEvent::wireName).sorted().toArray(String[]::new),
        s.format().wireName(), s.description(), s.createdAt());
    return db.inTransaction("create a webhook subscription", tx -> {
      WebhookMapper sql = tx.mapper(WebhookMapper.class);
      sql.lockTenant(s.tenant().value());
      if (sql.countOf(s.tenant().value()) >= WebhookSubscription.MAX_PER_TENANT) {
        return false;
      }
      return sql.insertSubscription(row) == 1;
    });
  }

  @Override
  public Optional<WebhookSubscription> find(SubscriptionId id) {
    return Optional.ofNullable(db.read("find a webhook subscription",
        tx -> tx.mapper(WebhookMapper.class).subscription(id.value())))
        .map(PostgresWebhookSubscriptions::subscription);
  }

  @Override
  public List<WebhookSubscription> list(Optional<TenantId> tenant, int offset, int limit) {
    return db.read("list webhook subscriptions", tx -> tx.mapper(WebhookMapper.class)
            .subscriptions(tenant.map(TenantId::value).orElse(null), offset, Math.min(limit, MAX_PAGE)))
        .stream().map(PostgresWebhookSubscriptions::subscription).toList();
  }

  @Override
  public boolean delete(SubscriptionId id) {
    return db.read("delete a webhook subscription",
        tx -> tx.mapper(WebhookMapper.class).deleteSubscription(id.value())) > 0;
  }

  private static WebhookSubscription subscription(SubscriptionRow r) {
    return new WebhookSubscription(SubscriptionId.of(r.id()), TenantId.of(r.tenantId()),
        URI.create(r.url()),
        Arrays.stream(r.events()).map(e -> WebhookEvent.named(e).orElseThrow())
            .collect(Collectors.toSet()),
        PayloadFormat.named(r.format()).orElseThrow(), r.description(), r.createdAt());
  }
}
