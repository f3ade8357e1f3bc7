package dev.tollgate.port.in.admin;

import dev.tollgate.domain.secret.SecretValue;
import dev.tollgate.domain.tenancy.Actor;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.webhook.Delivery;
import dev.tollgate.domain.webhook.DeliveryStatus;
import dev.tollgate.domain.webhook.PayloadFormat;
import dev.tollgate.domain.webhook.SubscriptionId;
import dev.tollgate.domain.webhook.WebhookEvent;
import dev.tollgate.domain.webhook.WebhookSubscription;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Webhook subscriptions for budget alerts: the platform administrator manages every tenant's, a
 * tenant admin its own (another tenant's is not found). The signing secret is in the create's
 * answer only.
 */
public interface ManageWebhooks {

  AdminResult<CreatedSubscription> createSubscription(Actor actor, SubscriptionSpec spec);

  AdminResult<WebhookSubscription> subscription(Actor actor, SubscriptionId id);

  /** One tenant's; every tenant's for the platform administrator when {@code tenant} is empty. */
  AdminResult<List<WebhookSubscription>> subscriptions(
      Actor actor, Optional<TenantId> tenant, int offset, int limit);

  /** Removes it, its secret and its deliveries; nothing more is sent to it. */
  AdminResult<WebhookSubscription> deleteSubscription(Actor actor, SubscriptionId id);

  /** A subscription's deliveries, newest first, optionally in one state. */
  AdminResult<List<Delivery>> deliveries(Actor actor, SubscriptionId id,
      Optional<DeliveryStatus> status, int offset, int limit);

  /** What to subscribe: whose events, where to, which, in what shape. */
  record SubscriptionSpec(TenantId tenant, URI url, Set<WebhookEvent> events, PayloadFormat format,
      String description) {

    public SubscriptionSpec {
      if (tenant == null || url == null || events == null || format == null
          || description == null) {
        throw new IllegalArgumentException("every field of a subscription spec is required");
      }
      events = Set.copyOf(events);
    }
  }

  /** A new subscription and its signing secret ({@code whsec_…}), shown this once. */
  record CreatedSubscription(WebhookSubscription subscription, SecretValue secret) {}
}
