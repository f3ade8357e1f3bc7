package dev.tollgate.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.name.Named;
import dev.tollgate.adapter.memory.InMemoryStores;
import dev.tollgate.app.config.GatewayConfig;
import dev.tollgate.app.config.WebhookSettings;
import dev.tollgate.app.webhook.JdkWebhookSender;
import dev.tollgate.domain.secret.SaltKey;
import dev.tollgate.port.in.admin.ManageWebhooks;
import dev.tollgate.port.out.AdminStores;
import dev.tollgate.port.out.SecretStore;
import dev.tollgate.port.out.webhook.WebhookStores;
import dev.tollgate.service.AlertDetector;
import dev.tollgate.service.AlertSweep;
import dev.tollgate.service.SecretsService;
import dev.tollgate.service.WebhookAdminService;
import dev.tollgate.service.WebhookDeliveryService;
import java.time.Clock;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Budget alerts by webhook (docs/webhooks.md): subscriptions and the outbox from the stores'
 * backend (PostgreSQL when durable; memory, lost with the process, otherwise), the detector the
 * request path's stores report to ({@link StoresModule#stores}), the admin use cases and the
 * sender. The threads that run them start with the server ({@code WebhookWorkers}).
 */
public final class WebhooksModule extends AbstractModule {

  private final Closer closer;

  public WebhooksModule(Closer closer) {
    this.closer = closer;
  }

  @Provides
  @Singleton
  WebhookStores webhookStores(Optional<StoresModule.Durable> durable) {
    return durable.map(d -> d.pg().webhooks()).orElseGet(InMemoryStores::webhooks);
  }

  /** Reads budget state from the backend's own store (the request path's, undecorated). */
  @Provides
  @Singleton
  AlertDetector detector(StoresModule.Backend backend, WebhookStores webhooks, GatewayConfig config,
      Clock clock) {
    return new AlertDetector(backend.stores().budgets(), webhooks.subscriptions(), webhooks.outbox(),
        config.webhooks().alerts(), clock);
  }

  /**
   * Seals and opens webhook signing secrets: the configured salt key's service; for the memory
   * store without one, a key made for this process (its secrets die with it anyway), so alerts
   * work in the quick start and tests without key management.
   */
  @Provides
  @Singleton
  @Named(WEBHOOK_SECRETS)
  SecretsService webhookSecrets(GatewayConfig config, SecretsService configured, SecretStore store,
      RandomGenerator random) {
    if (config.store().isDurable() || config.saltKey().isPresent()) {
      return configured;
    }
    byte[] material = new byte[SaltKey.MIN_MATERIAL_BYTES];
    random.nextBytes(material);
    return new SecretsService(store, Optional.of(SaltKey.of(material)), random);
  }

  static final String WEBHOOK_SECRETS = "webhook-secrets";

  /** Sweeps subscribed tenants' keys for what traffic alone would miss (on the detector's thread). */
  @Provides
  @Singleton
  AlertSweep sweep(AlertDetector detector, WebhookStores webhooks, StoresModule.Backend backend,
      Clock clock) {
    return new AlertSweep(detector, webhooks.subscriptions(), backend.stores().keys(), clock);
  }

  @Provides
  @Singleton
  ManageWebhooks manageWebhooks(WebhookStores webhooks,
      @Named(WEBHOOK_SECRETS) SecretsService secrets, SecretStore store,
      AdminStores admin, AlertDetector detector, Clock clock,
      RandomGenerator random) {
    return new WebhookAdminService(new WebhookAdminService.Parts(webhooks.subscriptions(),
        webhooks.outbox(), secrets, store, admin.directory(), admin.audit(),
        detector::subscriptionsChanged), clock, random);
  }

  @Provides
  @Singleton
  WebhookDeliveryService delivery(WebhookStores webhooks,
      @Named(WEBHOOK_SECRETS) SecretsService secrets,
      GatewayConfig config, Clock clock) {
    WebhookSettings settings = config.webhooks();
    JdkWebhookSender sender = closer.register(new JdkWebhookSender(settings.timeout()));
    return new WebhookDeliveryService(webhooks.outbox(), webhooks.subscriptions(), secrets, sender,
        settings.retry(), settings.claimFor(), clock);
  }
}
