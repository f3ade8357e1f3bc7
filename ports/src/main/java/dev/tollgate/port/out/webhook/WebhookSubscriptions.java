package dev.tollgate.port.out.webhook;

import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.webhook.SubscriptionId;
import dev.tollgate.domain.webhook.WebhookSubscription;
import java.util.List;
import java.util.Optional;

/** Webhook subscriptions, per tenant, by creation time then id. */
public interface WebhookSubscriptions {

  int MAX_PAGE = 1000;

  /**
   * Saves a new subscription unless its tenant already has
   * {@link WebhookSubscription#MAX_PER_TENANT} (checked and written atomically): false then.
   */
  boolean create(WebhookSubscription subscription);

  Optional<WebhookSubscription> find(SubscriptionId id);

  /** One tenant's, or every tenant's when empty; by creation time then id. */
  List<WebhookSubscription> list(Optional<TenantId> tenant, int offset, int limit);

  /** Removes it and every delivery of it still in the outbox. */
  boolean delete(SubscriptionId id);
}
