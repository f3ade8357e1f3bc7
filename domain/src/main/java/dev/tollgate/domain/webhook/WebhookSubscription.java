package dev.tollgate.domain.webhook;

import dev.tollgate.domain.tenancy.TenantId;
import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * A tenant's endpoint for some events. Its signing secret is not here: it is sealed under the salt
 * key in the secret store ({@link #secretName()}), shown once at creation.
 *
 * @param url where deliveries are POSTed: http or https, at most {@link #MAX_URL_LENGTH} characters
 * @param events what it wants, at least one
 * @param description the operator's note, at most {@link #MAX_DESCRIPTION_LENGTH} characters
 */
public record WebhookSubscription(
    SubscriptionId id,
    TenantId tenant,
    URI url,
    Set<WebhookEvent> events,
    PayloadFormat format,
    String description,
    Instant createdAt) {

  public static final int MAX_URL_LENGTH = 2048;
  public static final int MAX_DESCRIPTION_LENGTH = 200;
  /** Subscriptions one tenant may have: each is a secret, and the secret store holds 1,000. */
  public static final int MAX_PER_TENANT = 20;

  public WebhookSubscription {
    if (id == null || tenant == null || url == null || events == null || format == null
        || description == null || createdAt == null) {
      throw new IllegalArgumentException("every field of a subscription is required");
    }
    checkUrl(url);
    if (events.isEmpty()) {
      throw new IllegalArgumentException("a subscription wants at least one event");
    }
    events = Set.copyOf(EnumSet.copyOf(events));
    if (description.length() > MAX_DESCRIPTION_LENGTH) {
      throw new IllegalArgumentException(
          "a description is at most " + MAX_DESCRIPTION_LENGTH + " characters");
    }
  }

  /** Only absolute http(s) URLs with a host, no user info (a credential belongs in the secret). */
  public static URI checkUrl(URI url) {
    String scheme = url.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException("a webhook URL is http:// or https://");
    }
    if (url.getHost() == null || url.getRawUserInfo() != null || url.getRawFragment() != null) {
      throw new IllegalArgumentException("a webhook URL has a host and no user info or fragment");
    }
    if (url.toString().length() > MAX_URL_LENGTH) {
      throw new IllegalArgumentException("a webhook URL is at most " + MAX_URL_LENGTH + " characters");
    }
    return url;
  }

  public boolean wants(WebhookEvent event) {
    return events.contains(event);
  }

  /** Where its signing secret is sealed. */
  public String secretName() {
    return secretNameOf(id);
  }

  public static String secretNameOf(SubscriptionId id) {
    return "webhook." + id.value();
  }
}
