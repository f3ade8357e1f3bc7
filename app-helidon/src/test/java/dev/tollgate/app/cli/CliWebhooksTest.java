package dev.tollgate.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.memory.InMemorySecretStore;
import dev.tollgate.adapter.memory.InMemoryStores;
import dev.tollgate.domain.secret.SaltKey;
import dev.tollgate.domain.tenancy.Actor;
import dev.tollgate.port.out.AdminStores;
import dev.tollgate.port.out.Stores;
import dev.tollgate.port.out.webhook.WebhookStores;
import dev.tollgate.service.Administration;
import dev.tollgate.service.SecretsService;
import dev.tollgate.service.WebhookAdminService;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@code tollgate webhooks …}: subscribe (the secret printed once), list, show, deliveries, delete. */
class CliWebhooksTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T06:00:00Z"), ZoneOffset.UTC);

  private final Stores stores = InMemoryStores.create();
  private final AdminStores adminStores = InMemoryStores.admin();
  private final InMemorySecretStore secrets = new InMemorySecretStore();
  private final WebhookStores webhooks = InMemoryStores.webhooks();
  private final SplittableRandom random = new SplittableRandom(5);
  private final Administration admin = Administration.create(stores, adminStores, CLOCK, random);
  private final WebhookAdminService manage = new WebhookAdminService(new WebhookAdminService.Parts(
      webhooks.subscriptions(), webhooks.outbox(),
      new SecretsService(secrets, Optional.of(SaltKey.of("cli-webhooks-test-salt-key-0123456789ab")),
          random),
      secrets, adminStores.directory(), adminStores.audit(), () -> { }), CLOCK, random);

  private String ok(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = AdminCli.run(new CliContext(admin, stores.models(), Actor.platform("cli:test"), CLOCK,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Optional.of(manage)), args);
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void a_subscription_is_created_with_its_secret_once_then_listed_and_deleted() {
    ok("tenants", "create", "acme", "--name", "Acme");
    String created = ok("webhooks", "create", "--tenant", "acme", "--url", "https://hooks.example/t",
        "--events", "budget.exhausted,key.blocked", "--format", "slack");
    String id = created.lines().filter(l -> l.startsWith("Created webhook ")).findFirst()
        .orElseThrow().substring("Created webhook ".length(), "Created webhook ".length() + 27);
    assertThat(created).contains("whsec_");
    assertThat(secrets.all()).hasSize(1); // the signing secret, sealed

    assertThat(ok("webhooks", "list", "--tenant", "acme")).contains(id, "budget.exhausted,key.blocked",
        "slack").doesNotContain("whsec_");
    assertThat(ok("webhooks", "show", id)).contains("https://hooks.example/t").doesNotContain("whsec_");
    assertThat(ok("webhooks", "deliveries", id)).contains("DELIVERY");
    assertThat(ok("webhooks", "delete", id)).contains("Deleted webhook " + id);
    assertThat(secrets.all()).noneMatch(s -> s.name().value().startsWith("webhook."));
    assertThat(ok("audit", "list")).contains("webhook.create", "webhook.delete");
  }
}
