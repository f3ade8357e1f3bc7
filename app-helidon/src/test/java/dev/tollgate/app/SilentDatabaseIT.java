package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.app.config.StoreSettings;
import dev.tollgate.app.http.ServiceStatus;
import dev.tollgate.domain.money.Money;
import dev.tollgate.port.in.IssuedKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database that stops answering without closing anything (packets dropped: the proxy swallows
 * every byte) mid-load: every database call gives up within its timeouts, so the service notices
 * and reports degraded (readiness, metrics), the journal forwarder is reported stuck, known keys
 * keep being served, and once the network is back it recovers by itself (the silenced
 * connections die by their socket timeout) with exactly one ledger entry per 2xx answer.
 */
class SilentDatabaseIT {

  @TempDir Path dir;
  private final String schema = "tg_silent_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  @AfterEach
  void dropSchema() throws Exception {
    TestPostgres.dropSchema(schema);
  }

  @Test
  void aSilentDatabaseIsNoticedReportedAndRecoveredFromWithNothingLost() throws Exception {
    try (CuttableProxy proxy = new CuttableProxy(DatabaseOutageTest.databaseUrl())) {
      // 1 s statements, so 3 s socket timeout and a journal stuck after 8 s without progress.
      StoreSettings store = new StoreSettings("postgres", Optional.of(proxy.jdbcUrl()), schema,
          true, dir.resolve("pgdata"), dir.resolve("journal"), 4, true, Duration.ofSeconds(1),
          Duration.ofSeconds(1));
      try (GatewayHarness gateway = GatewayHarness.simulated(store)) {
        IssuedKey key = gateway.key(Money.usd("5.00"), null, null, null);
        ServiceStatus status = gateway.server.get(ServiceStatus.class);
        Set<String> answered;
        int unanswered;
        try (OutageLoad load = new OutageLoad(gateway.base(), key.secret().reveal(), 2)) {
          Eventually.await(() -> load.answeredSoFar() >= 30, "30 answers before the silence");

          proxy.blackhole();
          Eventually.await(() -> status.degradation().isPresent(), "the silence noticed");
          assertThat(DatabaseOutageTest.readiness(gateway)).contains("\"status\":\"degraded\"");
          assertThat(DatabaseOutageTest.metrics(gateway)).contains("tollgate_degraded 1.0");
          Eventually.await(() -> status.journalStall().get().isPresent(), "the forwarder reported stuck");
          assertThat(DatabaseOutageTest.metrics(gateway)).contains("tollgate_journal_stalled 1.0");
          int before = load.answeredSoFar();
          Eventually.await(() -> load.answeredSoFar() >= before + 30, "30 answers in the silence");

          proxy.restore();
          Eventually.await(() -> status.degradation().isEmpty(), "the database back");
          int after = load.answeredSoFar();
          Eventually.await(() -> load.answeredSoFar() >= after + 10, "10 answers after");
          load.close();
          answered = Set.copyOf(load.answered2xx);
          unanswered = load.failures.get();
          assertThat(load.otherAnswers.get()).as("non-2xx, non-503 answers").isZero();
        }
        Eventually.await(() -> status.journalBacklog().getAsInt() == 0, "the journal drained");
        Set<String> ledger = gateway.ledgerOf(key).stream()
            .map(e -> e.requestId().value()).collect(Collectors.toSet());
        assertThat(gateway.ledgerOf(key)).hasSameSizeAs(ledger);
        // Every 2xx is in the ledger once. A call its client gave up on (its 20 s timeout, while a
        // refill waited on the silent connection) may still have been answered and charged later:
        // it was produced, so it is owed; nothing else may be there.
        assertThat(ledger).containsAll(answered);
        assertThat(ledger.size() - answered.size()).isLessThanOrEqualTo(unanswered);
        assertThat(DatabaseOutageTest.readiness(gateway)).contains("\"status\":\"ready\"");
        assertThat(DatabaseOutageTest.metrics(gateway)).contains("tollgate_journal_stalled 0");
      }
    }
  }
}
