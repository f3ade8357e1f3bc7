package dev.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.postgres.PostgresPool;
import dev.tollgate.adapter.postgres.PostgresStores;
import dev.tollgate.app.config.StoreSettings;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.ledger.RequestId;
import dev.tollgate.domain.ledger.SpendEntry;
import dev.tollgate.domain.money.Money;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.tenancy.EndUserId;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.tenancy.TeamId;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.usage.TokenUsage;
import dev.tollgate.domain.usage.UsageSource;
import dev.tollgate.port.in.IssueKeyCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures (never asserts) the console's first paint and page times with 10,000 keys and a year
 * of daily spend for 50 models, in headless Chromium against a server on PostgreSQL. Not part of
 * the build's tests; run it with {@code -Dconsole.measure=true} (docs/console.md has the command
 * and the numbers).
 */
@EnabledIfSystemProperty(named = "console.measure", matches = "true")
class ConsoleScaleMeasurement {

  static final int KEYS = 10_000;
  static final int MODELS = 50;
  static final int DAYS = 365;
  static final String TENANT = "big";

  @TempDir Path dir;
  private final String schema =
      "tg_console_scale_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);

  @AfterEach
  void dropSchema() throws Exception {
    TestPostgres.dropSchema(schema);
  }

  @Test
  void pages_with_ten_thousand_keys_and_a_year_of_spend() throws Exception {
    ConsoleBrowserTest.requireBrowser();
    StoreSettings store = new StoreSettings("postgres", Optional.of(TestPostgres.jdbcUrl()),
        schema, true, dir.resolve("pgdata"), dir.resolve("journal"), 8);
    try (GatewayHarness gw = GatewayHarness.simulated(store)) {
      AdminClient admin = new AdminClient(gw.base());
      admin.post("/admin/v1/tenants", GatewayHarness.MASTER_KEY,
          "{\"id\":\"" + TENANT + "\",\"name\":\"Big\"}");
      for (int t = 0; t < 20; t++) {
        admin.post("/admin/v1/tenants/" + TENANT + "/teams", GatewayHarness.MASTER_KEY,
            "{\"id\":\"team-" + t + "\"}");
      }
      long seedStart = System.nanoTime();
      List<KeyId> keys = new ArrayList<>();
      // Eight at a time: the database, not this loop, is what a seed of 10,000 waits for.
      try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
        List<java.util.concurrent.Future<KeyId>> minted = new ArrayList<>();
        for (int i = 0; i < KEYS; i++) {
          int n = i;
          Owner owner = new Owner(TenantId.of(TENANT), Optional.of(TeamId.of("team-" + (n % 20))));
          minted.add(pool.submit(() -> gw.tollgate().issueKey()
              .issue(IssueKeyCommand.forOwner(owner, "key-" + n)).key().id()));
        }
        for (var f : minted) {
          keys.add(f.get());
        }
      }
      long keysSeconds = (System.nanoTime() - seedStart) / 1_000_000_000L;
      seedStart = System.nanoTime();
      try (PostgresStores pg = PostgresStores.open(TestPostgres.jdbcUrl(), schema,
          PostgresPool.Settings.defaults())) {
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        List<SpendEntry> batch = new ArrayList<>();
        for (int d = 1; d <= DAYS; d++) {
          Instant at = today.minus(Duration.ofDays(d)).plusSeconds(3600);
          for (int m = 0; m < MODELS; m++) {
            int k = (d * MODELS + m) % KEYS;
            batch.add(new SpendEntry(RequestId.of("req_scale_" + d + "_" + m),
                new Owner(TenantId.of(TENANT), Optional.of(TeamId.of("team-" + (k % 20)))),
                keys.get(k), ModelName.of("model-" + m),
                Optional.of(EndUserId.of("user-" + (k % 100))), TokenUsage.of(1000 + m, 500 + d),
                UsageSource.REPORTED, Money.ofNanoUsd(1_000_000L * (m + 1) + d), Instant.EPOCH,
                at, at.plusMillis(50), false));
          }
          pg.stores().ledger().appendAll(batch);
          batch.clear();
        }
      }
      long spendSeconds = (System.nanoTime() - seedStart) / 1_000_000_000L;
      Path artifacts = Path.of("target", "console-scale").toAbsolutePath();
      ConsoleBrowserTest.Result r = ConsoleBrowserTest.node(
          ConsoleBrowserTest.consoleDir().resolve("e2e/measure.mjs"), gw.base(), artifacts);
      System.out.println("seeded " + KEYS + " keys in " + keysSeconds + " s and "
          + DAYS * MODELS + " ledger entries in " + spendSeconds + " s\n" + r.output());
      assertThat(r.exit()).as(r.output()).isZero();
    }
  }
}
