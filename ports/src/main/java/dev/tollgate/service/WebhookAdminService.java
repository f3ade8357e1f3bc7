package dev.tollgate.service;

import dev.tollgate.domain.secret.SecretName;
import dev.tollgate.domain.secret.SecretValue;
import dev.tollgate.domain.tenancy.Actor;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.webhook.Delivery;
import dev.tollgate.domain.webhook.DeliveryStatus;
import dev.tollgate.domain.webhook.SubscriptionId;
import dev.tollgate.domain.webhook.WebhookEvent;
import dev.tollgate.domain.webhook.WebhookSignature;
import dev.tollgate.domain.webhook.WebhookSubscription;
import dev.tollgate.port.in.StoreSecret;
import dev.tollgate.port.in.StoreSecretCommand;
import dev.tollgate.port.in.admin.AdminResult;
import dev.tollgate.port.in.admin.ManageWebhooks;
import dev.tollgate.port.out.AuditLog;
import dev.tollgate.port.out.SecretStore;
import dev.tollgate.port.out.TenantDirectory;
import dev.tollgate.port.out.webhook.WebhookOutbox;
import dev.tollgate.port.out.webhook.WebhookSubscriptions;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Subscriptions created with a fresh {@code whsec_} secret sealed under the salt key (the secret
 * store, so a salt key rotation re-seals them with everything else), listed, deleted; audited.
 */
public final class WebhookAdminService implements ManageWebhooks {

  private final WebhookSubscriptions subscriptions;
  private final WebhookOutbox outbox;
  private final StoreSecret sealer;
  private final SecretStore secrets;
  private final TenantDirectory directory;
  private final AuditTrail audit;
  private final Clock clock;
  private final RandomGenerator random;
  private final Runnable changed;

  /**
   * The stores it works on, with the secret store's sealing use case, and
   * whom to tell that subscriptions changed (the detector reads them again).
   */
  public record Parts(WebhookSubscriptions subscriptions, WebhookOutbox outbox, StoreSecret sealer,
      SecretStore secrets, TenantDirectory directory, AuditLog audit, Runnable changed) {}

  public WebhookAdminService(Parts parts, Clock clock, RandomGenerator random) {
    this.subscriptions = parts.subscriptions();
    this.outbox = parts.outbox();
    this.sealer = parts.sealer();
    this.secrets = parts.secrets();
    this.directory = parts.directory();
    this.audit = new AuditTrail(parts.audit(), clock);
    this.clock = clock;
    this.random = random;
    this.changed = parts.changed();
  }

  @Override
  public AdminResult<CreatedSubscription> createSubscription(Actor actor, SubscriptionSpec spec) {
    if (!actor.sees(spec.tenant()) || directory.findTenant(spec.tenant()).isEmpty()) {
      return AdminResult.notFound("tenant");
    }
    if (!actor.isPlatform() && spec.events().stream().anyMatch(WebhookEvent::isPlatformEvent)) {
      return new AdminResult.Forbidden<>("Platform events (reconciliation.mismatch) are subscribed"
          + " to by the platform administrator.");
    }
    WebhookSubscription s = new WebhookSubscription(SubscriptionId.next(random), spec.tenant(),
        spec.url(), spec.events(), spec.format(), spec.description(), clock.instant());
    SecretValue secret = SecretValue.of(WebhookSignature.newSecret(random));
    SecretName name = SecretName.of(s.secretName());
    Optional<String> refused = sealRefusal(sealer.store(new StoreSecretCommand(name, secret)));
    if (refused.isPresent()) {
      return new AdminResult.Conflict<>(refused.get());
    }
    if (!subscriptions.create(s)) {
      secrets.remove(name);
      return new AdminResult.Conflict<>("A tenant has at most "
          + WebhookSubscription.MAX_PER_TENANT + " webhook subscriptions; delete one first.");
    }
    changed.run();
    audit.record(actor, Optional.of(s.tenant()), "webhook.create", "webhook", s.id().value(),
        Map.of(), view(s));
    return AdminResult.done(new CreatedSubscription(s, secret));
  }

  private static Optional<String> sealRefusal(StoreSecret.Result result) {
    return switch (result) {
      case StoreSecret.Result.Stored stored -> Optional.empty();
      case StoreSecret.Result.NoSaltKey n -> Optional.of("Webhook signing secrets are sealed under"
          + " the salt key, and none is configured: set TOLLGATE_SALT_KEY (docs/secrets.md).");
      case StoreSecret.Result.WrongKey w -> Optional.of("The secret store is sealed under another"
          + " salt key than the configured one (docs/secrets.md).");
      case StoreSecret.Result.Full f ->
          Optional.of("The secret store is full (" + f.maxSecrets() + " secrets).");
      case StoreSecret.Result.ReservedName r ->
          throw new IllegalStateException("webhook secret names are never reserved: " + r.name());
    };
  }

  @Override
  public AdminResult<WebhookSubscription> subscription(Actor actor, SubscriptionId id) {
    return subscriptions.find(id).filter(s -> actor.sees(s.tenant()))
        .<AdminResult<WebhookSubscription>>map(AdminResult::done)
        .orElseGet(() -> AdminResult.notFound("webhook"));
  }

  @Override
  public AdminResult<List<WebhookSubscription>> subscriptions(
      Actor actor, Optional<TenantId> tenant, int offset, int limit) {
    Optional<TenantId> whose = tenant.or(actor::tenant);
    if (whose.isPresent() && !actor.sees(whose.get())) {
      return AdminResult.notFound("tenant");
    }
    return AdminResult.done(
        subscriptions.list(whose, offset, Math.min(limit, WebhookSubscriptions.MAX_PAGE)));
  }

  @Override
  public AdminResult<WebhookSubscription> deleteSubscription(Actor actor, SubscriptionId id) {
    AdminResult<WebhookSubscription> found = subscription(actor, id);
    if (!(found instanceof AdminResult.Done<WebhookSubscription> done)) {
      return found;
    }
    WebhookSubscription s = done.value();
    subscriptions.delete(id);
    secrets.remove(SecretName.of(s.secretName()));
    changed.run();
    audit.record(actor, Optional.of(s.tenant()), "webhook.delete", "webhook", id.value(),
        view(s), Map.of());
    return found;
  }

  @Override
  public AdminResult<List<Delivery>> deliveries(Actor actor, SubscriptionId id,
      Optional<DeliveryStatus> status, int offset, int limit) {
    AdminResult<WebhookSubscription> found = subscription(actor, id);
    if (!(found instanceof AdminResult.Done<WebhookSubscription> done)) {
      return found.refusal();
    }
    return AdminResult.done(outbox.list(Optional.of(done.value().tenant()), Optional.of(id), status,
        offset, Math.min(limit, WebhookOutbox.MAX_PAGE)));
  }

  /** What the audit log keeps of a subscription (never its secret). */
  private static Map<String, String> view(WebhookSubscription s) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("url", s.url().toString());
    m.put("events", String.join(",", s.events().stream().map(WebhookEvent::wireName).sorted().toList()));
    m.put("format", s.format().wireName());
    m.put("description", s.description());
    return m;
  }
}
