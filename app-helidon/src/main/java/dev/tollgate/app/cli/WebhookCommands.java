package dev.tollgate.app.cli;

import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.webhook.Delivery;
import dev.tollgate.domain.webhook.DeliveryStatus;
import dev.tollgate.domain.webhook.PayloadFormat;
import dev.tollgate.domain.webhook.SubscriptionId;
import dev.tollgate.domain.webhook.WebhookEvent;
import dev.tollgate.domain.webhook.WebhookSubscription;
import dev.tollgate.port.in.admin.ManageWebhooks;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code tollgate webhooks …}: budget alert subscriptions and their deliveries (docs/webhooks.md). */
final class WebhookCommands {

  private WebhookCommands() {}

  static Group webhooks() {
    return new Group("webhooks", "Budget alerts: webhook subscriptions per tenant.", List.of(
        new Command("create", List.of(), List.of(
            Flag.value("tenant", "TENANT", "whose events (required)"),
            Flag.value("url", "URL", "where to POST them, http(s) (required)"),
            Flag.value("events", "E1,E2", "which: " + String.join(", ", WebhookEvent.NAMES)
                + " (required)"),
            Flag.value("format", "standard|slack", "the body's shape (default standard)"),
            Flag.value("description", "TEXT", "a note")),
            "subscribe; prints the signing secret, shown this once", WebhookCommands::create),
        new Command("list", List.of(), List.of(
            Flag.value("tenant", "TENANT", "only this tenant's (default: every tenant's)"),
            Flag.value("limit", "N", "at most N (default 100)")),
            "list subscriptions by creation time", WebhookCommands::list),
        new Command("show", List.of("webhook"), List.of(), "show a subscription",
            (a, ctx) -> print(ctx, Outcomes.done(
                webhooks(ctx).subscription(ctx.actor(), id(a)), "webhook"))),
        new Command("delete", List.of("webhook"), List.of(),
            "delete a subscription, its secret and its deliveries", WebhookCommands::delete),
        new Command("deliveries", List.of("webhook"), List.of(
            Flag.value("status", "pending|delivered|failed", "only deliveries in this state"),
            Flag.value("limit", "N", "at most N (default 100)")),
            "a subscription's deliveries, newest first", WebhookCommands::deliveries)));
  }

  private static ManageWebhooks webhooks(CliContext ctx) {
    return ctx.webhooks().orElseThrow(() -> new Refused(
        "webhooks need the durable store's secrets; use the admin API of the running server."));
  }

  private static void create(Args a, CliContext ctx) {
    TenantId tenant = a.required("tenant", TenantId::of);
    URI url = a.required("url", u -> WebhookSubscription.checkUrl(URI.create(u)));
    Set<WebhookEvent> events = EnumSet.noneOf(WebhookEvent.class);
    for (String name : a.required("events", s -> List.of(s.split(",")))) {
      events.add(WebhookEvent.named(name.trim()).orElseThrow(() -> new UsageError(
          "--events: unknown event '" + name + "'; events are " + String.join(", ", WebhookEvent.NAMES))));
    }
    PayloadFormat format = a.get("format", f -> PayloadFormat.named(f).orElseThrow(
        () -> new UsageError("--format is standard or slack"))).orElse(PayloadFormat.STANDARD);
    ManageWebhooks.CreatedSubscription created = Outcomes.done(
        webhooks(ctx).createSubscription(ctx.actor(), new ManageWebhooks.SubscriptionSpec(
            tenant, url, events, format, a.value("description").orElse(""))),
        "tenant '" + tenant.value() + "'");
    ctx.out().println("Created webhook " + created.subscription().id().value()
        + ". Its signing secret, shown this once:");
    ctx.out().println(created.secret().reveal());
    print(ctx, created.subscription());
  }

  private static void list(Args a, CliContext ctx) {
    int limit = limit(a);
    List<WebhookSubscription> page = Outcomes.done(webhooks(ctx).subscriptions(ctx.actor(),
        a.get("tenant", TenantId::of), 0, limit), "tenant");
    Text.table(ctx.out(), List.of("WEBHOOK", "TENANT", "URL", "EVENTS", "FORMAT"),
        page.stream().map(s -> List.of(s.id().value(), s.tenant().value(), s.url().toString(),
            events(s), s.format().wireName())).toList());
  }

  private static void delete(Args a, CliContext ctx) {
    WebhookSubscription s = Outcomes.done(webhooks(ctx).deleteSubscription(ctx.actor(), id(a)),
        "webhook");
    ctx.out().println("Deleted webhook " + s.id().value() + ".");
  }

  private static void deliveries(Args a, CliContext ctx) {
    Optional<DeliveryStatus> status = a.get("status", s -> DeliveryStatus.named(s).orElseThrow(
        () -> new UsageError("--status is pending, delivered or failed")));
    List<Delivery> page = Outcomes.done(
        webhooks(ctx).deliveries(ctx.actor(), id(a), status, 0, limit(a)), "webhook");
    Text.table(ctx.out(), List.of("DELIVERY", "EVENT", "STATUS", "ATTEMPTS", "LAST", "CREATED"),
        page.stream().map(d -> List.of(d.id().value(), d.event().wireName(), d.status().wireName(),
            Integer.toString(d.attempts()),
            d.lastError().or(() -> d.lastStatus().isPresent()
                ? Optional.of(Integer.toString(d.lastStatus().getAsInt())) : Optional.empty())
                .orElse("-"),
            d.createdAt().toString())).toList());
  }

  private static int limit(Args a) {
    int limit = a.get("limit", Integer::parseInt).orElse(100);
    if (limit < 1 || limit > 1000) {
      throw new UsageError("--limit must be 1..1000");
    }
    return limit;
  }

  private static SubscriptionId id(Args a) {
    return a.positional(0, SubscriptionId::of, "webhook");
  }

  private static String events(WebhookSubscription s) {
    return String.join(",", s.events().stream().map(WebhookEvent::wireName).sorted().toList());
  }

  private static void print(CliContext ctx, WebhookSubscription s) {
    Text.fields(ctx.out(), List.of(
        Map.entry("webhook", s.id().value()),
        Map.entry("tenant", s.tenant().value()),
        Map.entry("url", s.url().toString()),
        Map.entry("events", events(s)),
        Map.entry("format", s.format().wireName()),
        Map.entry("description", s.description()),
        Map.entry("created", s.createdAt().toString())));
  }
}
