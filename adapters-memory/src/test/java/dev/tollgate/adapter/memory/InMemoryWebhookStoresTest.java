package dev.tollgate.adapter.memory;

import dev.tollgate.port.out.contract.WebhookStoresContract;
import dev.tollgate.port.out.webhook.WebhookStores;

class InMemoryWebhookStoresTest extends WebhookStoresContract {

  @Override
  protected WebhookStores newStores() {
    return InMemoryStores.webhooks();
  }
}
