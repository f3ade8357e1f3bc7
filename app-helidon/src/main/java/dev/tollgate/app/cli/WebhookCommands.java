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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tollgate webhooks …}: budget alert subscriptions and their deliveries (docs/webhooks.md). */
final class WebhookCommands {

  private WebhookCommands() {}

  @Command(name = "webhooks", description = "Budget alerts: webhook subscriptions per tenant.",
      subcommands = {Create.class, ListWebhooks.class, Show.class, Delete.class, Deliveries.class})
  static final class Webhooks extends AdminCommand.Group {}

  @Command(name = "create", description = "subscribe; prints the signing secret, shown this once")
  static final class Create extends AdminCommand {
    @Option(names = "--tenant", paramLabel = "TENANT", description = "whose events (required)")
    Optional<TenantId> tenant = Optional.empty();

    @Option(names = "--url", paramLabel = "URL", description = "where to POST them, http(s) (required)")
    Optional<String> url = Optional.empty();

    @Option(names = "--events", paramLabel = "E1,E2", description = "which events (required)")
    Optional<String> events = Optional.empty();

    @Option(names = "--format", paramLabel = "standard|slack",
        description = "the body's shape (default standard)")
    Optional<String> format = Optional.empty();

    @Option(names = "--description", paramLabel = "TEXT", description = "a note")
    Optional<String> description = Optional.empty();

    @Override
    void run(CliContext ctx) {
      TenantId t = tenant.orElseThrow(() -> new UsageError("--tenant is required"));
      URI target = UsageError.checked("--url", () -> WebhookSubscription.checkUrl(URI.create(
          url.orElseThrow(() -> new UsageError("--url is required")))));
      Set<WebhookEvent> chosen = EnumSet.noneOf(WebhookEvent.class);
      for (String name : events.orElseThrow(() -> new UsageError("--events is required"))
          .split(",")) {
        chosen.add(WebhookEvent.named(name.trim()).orElseThrow(() -> new UsageError(
            "--events: unknown event '" + name + "'; events are "
                + String.join(", ", WebhookEvent.NAMES))));
      }
      PayloadFormat shape = format.map(f -> PayloadFormat.named(f).orElseThrow(
          () -> new UsageError("--format is standard or slack"))).orElse(PayloadFormat.STANDARD);
      ManageWebhooks.CreatedSubscription created = Outcomes.done(
          webhooks(ctx).createSubscription(ctx.actor(), new ManageWebhooks.SubscriptionSpec(
              t, target, chosen, shape, description.orElse(""))),
          "tenant '" + t.value() + "'");
      ctx.out().println("Created webhook " + created.subscription().id().value()
          + ". Its signing secret, shown this once:");
      ctx.out().println(created.secret().reveal());
      print(ctx, created.subscription());
    }
  }

  @Command(name = "list", description = "list subscriptions by creation time")
  static final class ListWebhooks extends AdminCommand {
    @Option(names = "--tenant", paramLabel = "TENANT",
        description = "only this tenant's (default: every tenant's)")
    Optional<TenantId> tenant = Optional.empty();

    @Option(names = "--limit", paramLabel = "N", description = "at most N (default 100)")
    Optional<Integer> limit = Optional.empty();

    @Override
    void run(CliContext ctx) {
      List<WebhookSubscription> page = Outcomes.done(webhooks(ctx).subscriptions(ctx.actor(),
          tenant, 0, limit(limit)), "tenant");
      Text.table(ctx.out(), List.of("WEBHOOK", "TENANT", "URL", "EVENTS", "FORMAT"),
          page.stream().map(s -> List.of(s.id().value(), s.tenant().value(), s.url().toString(),
              events(s), s.format().wireName())).toList());
    }
  }

  @Command(name = "show", description = "show a subscription")
  static final class Show extends AdminCommand {
    @Parameters(index = "0", paramLabel = "<webhook>", description = "the subscription's id")
    String id;

    @Override
    void run(CliContext ctx) {
      print(ctx, Outcomes.done(webhooks(ctx).subscription(ctx.actor(), id(id)), "webhook"));
    }
  }

  @Command(name = "delete", description = "delete a subscription, its secret and its deliveries")
  static final class Delete extends AdminCommand {
    @Parameters(index = "0", paramLabel = "<webhook>", description = "the subscription's id")
    String id;

    @Override
    void run(CliContext ctx) {
      WebhookSubscription s = Outcomes.done(webhooks(ctx).deleteSubscription(ctx.actor(), id(id)),
          "webhook");
      ctx.out().println("Deleted webhook " + s.id().value() + ".");
    }
  }

  @Command(name = "deliveries", description = "a subscription's deliveries, newest first")
  static final class Deliveries extends AdminCommand {
    @Parameters(index = "0", paramLabel = "<webhook>", description = "the subscription's id")
    String id;

    @Option(names = "--status", paramLabel = "pending|delivered|failed",
        description = "only deliveries in this state")
    Optional<String> status = Optional.empty();

    @Option(names = "--limit", paramLabel = "N", description = "at most N (default 100)")
    Optional<Integer> limit = Optional.empty();

    @Override
    void run(CliContext ctx) {
      Optional<DeliveryStatus> state = status.map(s -> DeliveryStatus.named(s).orElseThrow(
          () -> new UsageError("--status is pending, delivered or failed")));
      List<Delivery> page = Outcomes.done(
          webhooks(ctx).deliveries(ctx.actor(), id(id), state, 0, limit(limit)), "webhook");
      Text.table(ctx.out(), List.of("DELIVERY", "EVENT", "STATUS", "ATTEMPTS", "LAST", "CREATED"),
          page.stream().map(d -> List.of(d.id().value(), d.event().wireName(),
              d.status().wireName(), Integer.toString(d.attempts()),
              d.lastError().or(() -> d.lastStatus().isPresent()
                  ? Optional.of(Integer.toString(d.lastStatus().getAsInt())) : Optional.empty())
                  .orElse("-"),
              d.createdAt().toString())).toList());
    }
  }

  private static ManageWebhooks webhooks(CliContext ctx) {
    return ctx.webhooks().orElseThrow(() -> new Refused(
        "webhooks need the durable store's secrets; use the admin API of the running server."));
  }

  private static int limit(Optional<Integer> given) {
    int limit = given.orElse(100);
    if (limit < 1 || limit > 1000) {
      throw new UsageError("--limit must be 1..1000");
    }
    return limit;
  }

  private static SubscriptionId id(String given) {
    return UsageError.checked("<webhook>", () -> SubscriptionId.of(given));
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
