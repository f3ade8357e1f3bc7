package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.app.config.StoreSettings;
import dev.tollgate.app.http.ServiceStatus;
import dev.tollgate.domain.budget.Budget;
import dev.tollgate.domain.budget.BudgetPeriod;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.key.KeyFormat;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.tenancy.EndUserId;
import dev.tollgate.port.in.IssuedKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tenant with end-user budgets, the database cut off through a proxy (as in
 * {@link DatabaseOutageTest}): a request naming an end user this replica has never seen is served
 * from local state like one naming a known end user, while an unseen key is still a 503; the
 * journal later records the unseen end user's spend with its name. PostgreSQL from
 * {@link TestPostgres}.
 */
class EndUserOutageTest {

  @TempDir Path dir;
  private final String schema = "tg_euout_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();

  @AfterEach
  void dropSchema() throws Exception {
    TestPostgres.dropSchema(schema);
  }

  @Test
  void an_unseen_end_user_is_served_through_an_outage() throws Exception {
    try (CuttableProxy proxy = new CuttableProxy(TestPostgres.jdbcUrl());
        GatewayHarness gateway = GatewayHarness.simulated(new StoreSettings("postgres",
            Optional.of(proxy.jdbcUrl()), schema, true, dir.resolve("pgdata"),
            dir.resolve("journal"), 4, true))) {
      IssuedKey key = gateway.key(Money.usd("5.00"), null, null, null);
      gateway.tollgate().budgets().setBudget(Budget.of(
          Scope.endUser(GatewayHarness.ACME, EndUserId.of("alice")), Money.usd("1.00"),
          BudgetPeriod.monthly()));
      ServiceStatus status = gateway.server.get(ServiceStatus.class);
      assertThat(call(gateway, key.secret().reveal(), "alice")).isEqualTo(200);

      proxy.cut();
      Eventually.await(() -> status.degradation().isPresent(), "the outage noticed");
      assertThat(call(gateway, key.secret().reveal(), "alice")).isEqualTo(200);
      assertThat(call(gateway, key.secret().reveal(), "never-seen")).as("an unseen end user")
          .isEqualTo(200);
      assertThat(call(gateway, KeyFormat.mint(new SecureRandom()).reveal(), "alice"))
          .as("an unseen key").isEqualTo(503);

      proxy.restore();
      Eventually.await(() -> status.degradation().isEmpty(), "the database back");
      Eventually.await(() -> status.journalBacklog().getAsInt() == 0, "the journal replayed");
      assertThat(gateway.awaitLedger(key, 3)).extracting(SpendEntry::endUser)
          .contains(Optional.of(EndUserId.of("never-seen")));
      assertThat(call(gateway, key.secret().reveal(), "after")).isEqualTo(200);
    }
  }

  private int call(GatewayHarness gateway, String key, String user) throws Exception {
    String body = "{\"model\":\"sim-small\",\"max_tokens\":16,\"user\":\"" + user + "\","
        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    return http.send(HttpRequest.newBuilder(URI.create(gateway.base() + "/v1/chat/completions"))
        .timeout(Duration.ofSeconds(20))
        .header("Authorization", "Bearer " + key)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode();
  }
}
