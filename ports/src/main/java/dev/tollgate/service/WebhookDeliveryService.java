package dev.tollgate.service;

import dev.tollgate.domain.secret.SecretName;
import dev.tollgate.domain.webhook.Delivery;
import dev.tollgate.domain.webhook.RetryPolicy;
import dev.tollgate.domain.webhook.WebhookSignature;
import dev.tollgate.domain.webhook.WebhookSubscription;
import dev.tollgate.port.in.DeliverWebhooks;
import dev.tollgate.port.in.ReadSecret;
import dev.tollgate.port.out.webhook.WebhookOutbox;
import dev.tollgate.port.out.webhook.WebhookSender;
import dev.tollgate.port.out.webhook.WebhookSubscriptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Sends what is due in the outbox: claims a batch (no other replica gets those rows while the claim
 * holds), signs each attempt afresh (Standard Webhooks: same {@code webhook-id}, new
 * {@code webhook-timestamp} and signature), and records the answer: delivered on a 2xx, otherwise
 * retried with exponential backoff until the policy's bound, then failed for good. A process that
 * dies mid-send leaves the claim to lapse: the row is sent again, under the same id.
 */
public final class WebhookDeliveryService implements DeliverWebhooks {

  /** Rows claimed per round. */
  static final int BATCH = 16;
  static final String USER_AGENT = "Tollgate-Webhooks/1";

  private final WebhookOutbox outbox;
  private final WebhookSubscriptions subscriptions;
  private final ReadSecret secrets;
  private final WebhookSender sender;
  private final RetryPolicy retry;
  private final Duration claimFor;
  private final Clock clock;

  /**
   * @param claimFor how long a claim holds: longer than one send may take (its timeout), so a row is
   *     retried by another replica only when its sender died
   */
  public WebhookDeliveryService(WebhookOutbox outbox, WebhookSubscriptions subscriptions,
      ReadSecret secrets, WebhookSender sender, RetryPolicy retry, Duration claimFor, Clock clock) {
    this.outbox = outbox;
    this.subscriptions = subscriptions;
    this.secrets = secrets;
    this.sender = sender;
    this.retry = retry;
    this.claimFor = claimFor;
    this.clock = clock;
  }

  @Override
  public int deliverDue() {
    Instant now = clock.instant();
    List<Delivery> due = outbox.claimDue(now, now.plus(claimFor), BATCH);
    for (Delivery d : due) {
      deliver(d);
    }
    return due.size();
  }

  private void deliver(Delivery d) {
    Optional<WebhookSubscription> s = subscriptions.find(d.subscription());
    if (s.isEmpty()) {
      outbox.failed(d.id(), OptionalInt.empty(), "the subscription was deleted", clock.instant());
      return;
    }
    SecretName name = SecretName.of(s.get().secretName());
    String secret = switch (secrets.read(name)) {
      case ReadSecret.Result.Found found -> found.value().reveal();
      case ReadSecret.Result.NotFound n -> null;
      case ReadSecret.Result.NoSaltKey n -> null;
      case ReadSecret.Result.WrongKey w -> null;
      case ReadSecret.Result.Tampered t -> null;
    };
    if (secret == null) {
      attemptFailed(d, OptionalInt.empty(), "its signing secret cannot be opened (docs/secrets.md)");
      return;
    }
    long timestamp = clock.instant().getEpochSecond();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("webhook-id", d.id().value());
    headers.put("webhook-timestamp", Long.toString(timestamp));
    headers.put("webhook-signature", WebhookSignature.sign(secret, d.id(), timestamp, d.body()));
    headers.put("content-type", "application/json");
    headers.put("user-agent", USER_AGENT);
    switch (sender.send(s.get().url(), headers, d.body())) {
      case WebhookSender.SendResult.Answered a when a.accepted() ->
          outbox.delivered(d.id(), a.status(), clock.instant());
      case WebhookSender.SendResult.Answered a ->
          attemptFailed(d, OptionalInt.of(a.status()), "the receiver answered " + a.status());
      case WebhookSender.SendResult.Unreachable u -> attemptFailed(d, OptionalInt.empty(), u.reason());
    }
  }

  private void attemptFailed(Delivery d, OptionalInt status, String error) {
    Instant now = clock.instant();
    Optional<Instant> next = retry.nextAttempt(d.attempts(), now);
    if (next.isPresent()) {
      outbox.retry(d.id(), status, error, next.get());
    } else {
      outbox.failed(d.id(), status, error, now);
    }
  }
}
