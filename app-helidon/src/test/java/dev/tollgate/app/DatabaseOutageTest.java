package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.app.config.StoreSettings;
import dev.tollgate.app.http.ServiceStatus;
import dev.tollgate.domain.budget.Scope;
import dev.tollgate.domain.key.KeyFormat;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.money.Money;
import dev.tollgate.port.in.IssuedKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database cut off mid-load through a proxy, then brought back: with
 * allow-requests-on-db-unavailable on, known keys keep being served from local state, an unknown
 * key is a 503, readiness says degraded, and once the journal has replayed the ledger holds
 * exactly one entry per 2xx answer and the budget's posted amount equals the ledger. With it off,
 * requests are 503 while the database is down. PostgreSQL from {@link TestPostgres}.
 */
class DatabaseOutageTest {

  static final Money LIMIT = Money.usd("5.00");

  @TempDir Path dir;
  private final String schema = "tg_outage_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  static String databaseUrl() {
    return TestPostgres.jdbcUrl();
  }

  @AfterEach
  void dropSchema() throws Exception {
    TestPostgres.dropSchema(schema);
  }

  private StoreSettings through(CuttableProxy proxy, boolean allow) {
    return new StoreSettings("postgres", Optional.of(proxy.jdbcUrl()), schema, true,
        dir.resolve("pgdata"), dir.resolve("journal"), 4, allow);
  }

  @Test
  void serving_through_an_outage_loses_and_doubles_nothing() throws Exception {
    try (CuttableProxy proxy = new CuttableProxy(databaseUrl());
        GatewayHarness gateway = GatewayHarness.simulated(through(proxy, true))) {
      IssuedKey key = gateway.key(LIMIT, null, null, null);
      ServiceStatus status = gateway.server.get(ServiceStatus.class);
      String unknownKey = KeyFormat.mint(new SecureRandom()).reveal();
      Set<String> answered;
      int answeredInOutage;
      try (OutageLoad load = new OutageLoad(gateway.base(), key.secret().reveal(), 4)) {
        Eventually.await(() -> load.answeredSoFar() >= 50, "50 answers before the outage");

        proxy.cut();
        Eventually.await(() -> status.degradation().isPresent(), "the outage noticed");
        assertThat(readiness(gateway)).contains("\"status\":\"degraded\"");
        int before = load.answeredSoFar();
        Eventually.await(() -> load.answeredSoFar() >= before + 100, "100 answers in the outage");
        answeredInOutage = load.answeredSoFar() - before;
        assertThat(callWith(gateway, unknownKey)).as("an unknown key in an outage").isEqualTo(503);
        assertThat(metrics(gateway)).contains("tollgate_degraded 1.0");

        proxy.restore();
        Eventually.await(() -> status.degradation().isEmpty(), "the database back");
        int after = load.answeredSoFar();
        Eventually.await(() -> load.answeredSoFar() >= after + 50, "50 answers after the outage");
        load.close();
        answered = Set.copyOf(load.answered2xx);
        assertThat(load.otherAnswers.get()).as("non-2xx, non-503 answers").isZero();
      }
      Eventually.await(() -> status.journalBacklog().getAsInt() == 0, "the journal replayed");

      Set<String> ledger = gateway.ledgerOf(key).stream()
          .map(e -> e.requestId().value()).collect(Collectors.toSet());
      assertThat(answeredInOutage).isGreaterThanOrEqualTo(100);
      assertThat(gateway.ledgerOf(key)).hasSameSizeAs(ledger);
      assertThat(ledger).isEqualTo(answered);
      Money spent = gateway.ledgerOf(key).stream().map(SpendEntry::cost).reduce(Money.ZERO, Money::plus);
      var budget = gateway.tollgate().spend().budget(Scope.key(key.key().id())).orElseThrow();
      assertThat(budget.posted()).isEqualTo(spent);
      assertThat(spent).isLessThanOrEqualTo(LIMIT);
      assertThat(readiness(gateway)).contains("\"status\":\"ready\"");
    }
  }

  @Test
  void with_the_switch_off_requests_are_503_while_the_database_is_down() throws Exception {
    try (CuttableProxy proxy = new CuttableProxy(databaseUrl());
        GatewayHarness gateway = GatewayHarness.simulated(through(proxy, false))) {
      IssuedKey key = gateway.key(LIMIT, null, null, null);
      ServiceStatus status = gateway.server.get(ServiceStatus.class);
      assertThat(callWith(gateway, key.secret().reveal())).isEqualTo(200);

      proxy.cut();
      Eventually.await(() -> status.degradation().isPresent(), "the outage noticed");
      assertThat(callWith(gateway, key.secret().reveal())).isEqualTo(503);
      assertThat(readiness(gateway)).contains("\"status\":\"unavailable\"");

      proxy.restore();
      Eventually.await(() -> status.degradation().isEmpty(), "the database back");
      assertThat(callWith(gateway, key.secret().reveal())).isEqualTo(200);
    }
  }

  private static int callWith(GatewayHarness gateway, String key) {
    try (OutageLoad one = new OutageLoad(gateway.base(), key, 0)) {
      return one.callOnce();
    }
  }

  static String readiness(GatewayHarness gateway) throws Exception {
    return get(gateway.base() + "/readyz");
  }

  static String metrics(GatewayHarness gateway) throws Exception {
    return get(gateway.base() + "/metrics");
  }

  static String get(String url) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }
}
