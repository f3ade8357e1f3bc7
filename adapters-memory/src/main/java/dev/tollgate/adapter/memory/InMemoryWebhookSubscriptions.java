package dev.tollgate.adapter.memory;

import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.webhook.SubscriptionId;
import dev.tollgate.domain.webhook.WebhookSubscription;
import dev.tollgate.port.out.webhook.WebhookSubscriptions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Subscriptions in a map under one lock (administrative, rare). */
public final class InMemoryWebhookSubscriptions implements WebhookSubscriptions {

  private static final Comparator<WebhookSubscription> ORDER =
      Comparator.comparing(WebhookSubscription::createdAt).thenComparing(s -> s.id().value());

  private final Map<SubscriptionId, WebhookSubscription> all = new HashMap<>();
  private final InMemoryWebhookOutbox outbox;

  /** @param outbox whose rows go with a deleted subscription */
  public InMemoryWebhookSubscriptions(InMemoryWebhookOutbox outbox) {
    this.outbox = outbox;
  }

  @Override
  public synchronized boolean create(WebhookSubscription s) {
    long mine = all.values().stream().filter(x -> x.tenant().equals(s.tenant())).count();
    if (mine >= WebhookSubscription.MAX_PER_TENANT || all.containsKey(s.id())) {
      return false;
    }
    all.put(s.id(), s);
    outbox.live.add(s.id());
    return true;
  }

  @Override
  public synchronized Optional<WebhookSubscription> find(SubscriptionId id) {
    return Optional.ofNullable(all.get(id));
  }

  @Override
  public synchronized List<WebhookSubscription> list(Optional<TenantId> tenant, int offset, int limit) {
    List<WebhookSubscription> out = new ArrayList<>(all.values());
    out.removeIf(s -> tenant.isPresent() && !s.tenant().equals(tenant.get()));
    out.sort(ORDER);
    return out.stream().skip(offset).limit(Math.min(limit, MAX_PAGE)).toList();
  }

  @Override
  public synchronized boolean delete(SubscriptionId id) {
    boolean removed = all.remove(id) != null;
    outbox.live.remove(id); // first: an enqueue after this adds nothing, one before is forgotten
    outbox.forget(id);
    return removed;
  }
}
