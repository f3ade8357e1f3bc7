package dev.tollgate.app.http.admin;

import static dev.tollgate.app.http.admin.AdminRoute.delete;
import static dev.tollgate.app.http.admin.AdminRoute.get;
import static dev.tollgate.app.http.admin.AdminRoute.post;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.app.http.Bodies;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.webhook.Delivery;
import dev.tollgate.domain.webhook.DeliveryStatus;
import dev.tollgate.domain.webhook.PayloadFormat;
import dev.tollgate.domain.webhook.SubscriptionId;
import dev.tollgate.domain.webhook.WebhookEvent;
import dev.tollgate.domain.webhook.WebhookSubscription;
import dev.tollgate.port.in.admin.AdminResult;
import dev.tollgate.port.in.admin.ManageWebhooks;
import dev.tollgate.port.in.admin.ManageWebhooks.CreatedSubscription;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** {@code /admin/v1/webhooks}: subscriptions for budget alerts and their deliveries. */
final class WebhookRoutes {

  private static final Set<String> CREATE_FIELDS =
      Set.of("tenant", "url", "events", "format", "description");

  private final ManageWebhooks webhooks;
  private final AdminJson json;

  WebhookRoutes(ManageWebhooks webhooks, AdminJson json) {
    this.webhooks = webhooks;
    this.json = json;
  }

  List<AdminRoute> routes() {
    String w = "/admin/v1/webhooks";
    return List.of(
        post(w, this::create),
        get(w, this::list),
        get(w + "/{webhook}", c -> c.reply(webhooks.subscription(c.actor(), id(c)), 200,
            this::subscription)),
        delete(w + "/{webhook}", c -> c.reply(webhooks.deleteSubscription(c.actor(), id(c)), 200,
            this::subscription)),
        get(w + "/{webhook}/deliveries", this::deliveries));
  }

  private void create(AdminCall c) throws Bodies.TooLarge {
    JsonBody body = c.body(CREATE_FIELDS);
    TenantId tenant = body.optionalText("tenant", 128).map(t -> Fields.tenant("tenant", t))
        .or(() -> c.actor().tenant())
        .orElseThrow(() -> new BadField("tenant", "'tenant' is required."));
    URI url = url(body.text("url", WebhookSubscription.MAX_URL_LENGTH));
    List<String> names = body.optionalStrings("events", WebhookEvent.values().length)
        .orElseThrow(() -> new BadField("events", "'events' is required: a list of "
            + String.join(", ", WebhookEvent.NAMES) + "."));
    Set<WebhookEvent> events = EnumSet.noneOf(WebhookEvent.class);
    for (String name : names) {
      events.add(WebhookEvent.named(name).orElseThrow(() -> new BadField("events",
          "Unknown event '" + name + "'; events are " + String.join(", ", WebhookEvent.NAMES) + ".")));
    }
    if (events.isEmpty()) {
      throw new BadField("events", "'events' names at least one event.");
    }
    PayloadFormat format = body.optionalText("format", 16).map(f -> PayloadFormat.named(f)
        .orElseThrow(() -> new BadField("format", "'format' is standard or slack.")))
        .orElse(PayloadFormat.STANDARD);
    String description = body.optionalText("description",
        WebhookSubscription.MAX_DESCRIPTION_LENGTH).orElse("");
    c.reply(webhooks.createSubscription(c.actor(),
        new ManageWebhooks.SubscriptionSpec(tenant, url, events, format, description)), 201,
        this::created);
  }

  private static URI url(String text) {
    try {
      return WebhookSubscription.checkUrl(new URI(text));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new BadField("url", "'url' must be an absolute http:// or https:// URL with a host"
          + " (no user info or fragment), at most " + WebhookSubscription.MAX_URL_LENGTH
          + " characters.");
    }
  }

  private void list(AdminCall c) {
    c.onlyQuery(Set.of("tenant", "limit", "offset"));
    Optional<TenantId> tenant = c.query("tenant", 128).map(t -> Fields.tenant("tenant", t));
    int limit = c.limit();
    int offset = c.offset();
    c.reply(webhooks.subscriptions(c.actor(), tenant, offset, limit + 1), 200,
        page -> paged(page, limit, offset, this::subscription));
  }

  private void deliveries(AdminCall c) {
    c.onlyQuery(Set.of("status", "limit", "offset"));
    Optional<DeliveryStatus> status = c.query("status", 16).map(s -> DeliveryStatus.named(s)
        .orElseThrow(() -> new BadField("status", "'status' is pending, delivered or failed.")));
    int limit = c.limit();
    int offset = c.offset();
    AdminResult<List<Delivery>> page =
        webhooks.deliveries(c.actor(), id(c), status, offset, limit + 1);
    c.reply(page, 200, rows -> paged(rows, limit, offset, this::delivery));
  }

  private <T> ObjectNode paged(List<T> page, int limit, int offset, Function<T, ObjectNode> view) {
    ArrayNode data = json.array();
    page.stream().limit(limit).forEach(x -> data.add(view.apply(x)));
    ObjectNode list = json.list(data, page.size() > limit);
    if (page.size() > limit) {
      list.put("next_offset", offset + limit);
    }
    return list;
  }

  private ObjectNode created(CreatedSubscription created) {
    // the signing secret: in this answer only, never again
    return subscription(created.subscription()).put("secret", created.secret().reveal());
  }

  private ObjectNode subscription(WebhookSubscription s) {
    ObjectNode n = json.object().put("object", "webhook").put("id", s.id().value())
        .put("tenant", s.tenant().value()).put("url", s.url().toString())
        .put("format", s.format().wireName()).put("description", s.description())
        .put("created_at", s.createdAt().toString());
    ArrayNode events = n.putArray("events");
    s.events().stream().map(WebhookEvent::wireName).sorted().forEach(events::add);
    return n;
  }

  private ObjectNode delivery(Delivery d) {
    ObjectNode n = json.object().put("object", "webhook.delivery").put("id", d.id().value())
        .put("webhook", d.subscription().value()).put("tenant", d.tenant().value())
        .put("event", d.event().wireName()).put("event_key", d.eventKey())
        .put("status", d.status().wireName()).put("attempts", d.attempts())
        .put("created_at", d.createdAt().toString());
    if (d.status() == DeliveryStatus.PENDING) {
      n.put("next_attempt_at", d.nextAttemptAt().toString());
    } else {
      n.put("finished_at", d.nextAttemptAt().toString());
    }
    if (d.lastStatus().isPresent()) {
      n.put("last_status", d.lastStatus().getAsInt());
    } else {
      n.putNull("last_status");
    }
    n.put("last_error", d.lastError().orElse(null));
    n.put("payload", d.body());
    return n;
  }

  static SubscriptionId id(AdminCall c) {
    return Fields.parse("webhook", c.path("webhook"), SubscriptionId::of);
  }
}
