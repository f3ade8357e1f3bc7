package dev.tollgate.port.in;

/**
 * Sends what is due in the webhook outbox (docs/webhooks.md): the background use case the service
 * runs every poll interval.
 */
public interface DeliverWebhooks {

  /** One round: answers how many deliveries it attempted (a full batch: call again). */
  int deliverDue();
}
