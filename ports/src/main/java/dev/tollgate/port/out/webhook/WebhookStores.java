package dev.tollgate.port.out.webhook;

/** A backend's subscriptions and outbox, built together (the outbox's rows go with a subscription). */
public record WebhookStores(WebhookSubscriptions subscriptions, WebhookOutbox outbox) {

  public WebhookStores {
    if (subscriptions == null || outbox == null) {
      throw new IllegalArgumentException("subscriptions and outbox are required");
    }
  }
}
