package dev.tollgate.adapter.postgres;

import dev.tollgate.port.out.contract.WebhookStoresContract;
import dev.tollgate.port.out.webhook.WebhookStores;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The outbox contract on PostgreSQL: the unique key, and claims with FOR UPDATE SKIP LOCKED. */
class PostgresWebhookStoresTest extends WebhookStoresContract {

  @RegisterExtension static final TestSchema SCHEMA = new TestSchema();

  @Override
  protected WebhookStores newStores() {
    return SCHEMA.postgres().webhooks();
  }
}
