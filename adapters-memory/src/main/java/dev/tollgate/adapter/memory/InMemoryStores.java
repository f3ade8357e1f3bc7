package dev.tollgate.adapter.memory;

import dev.tollgate.port.out.AdminStores;
import dev.tollgate.port.out.Stores;

/** Every store in memory: what an embedding host or a test hands to {@code Tollgate.create}. */
public final class InMemoryStores {

  private InMemoryStores() {}

  public static Stores create() {
    return create(new InMemorySpendLedger());
  }

  /**
   * Every store in memory, the ledger as given: a service that runs for long passes
   * {@link InMemorySpendLedger#folding}, so that its heap does not grow with requests served.
   */
  public static Stores create(InMemorySpendLedger ledger) {
    return new Stores(
        new InMemoryKeyStore(),
        new InMemoryBudgetStore(),
        new InMemoryRateWindowStore(),
        new InMemorySlotStore(),
        ledger,
        new InMemoryPriceCatalog(),
        new InMemoryModelCatalog(),
        new InMemoryTenantPolicies());
  }

  /** The administration stores in memory: directory, audit log and idempotency keys. */
  public static AdminStores admin() {
    return new AdminStores(
        new InMemoryTenantDirectory(), new InMemoryAuditLog(), new InMemoryIdempotencyStore());
  }

  /**
   * Webhook subscriptions and their outbox in memory: the outbox is gone with the process
   * (docs/webhooks.md); a durable store keeps it in PostgreSQL.
   */
  public static dev.tollgate.port.out.webhook.WebhookStores webhooks() {
    InMemoryWebhookOutbox outbox = new InMemoryWebhookOutbox();
    return new dev.tollgate.port.out.webhook.WebhookStores(
        new InMemoryWebhookSubscriptions(outbox), outbox);
  }
}
