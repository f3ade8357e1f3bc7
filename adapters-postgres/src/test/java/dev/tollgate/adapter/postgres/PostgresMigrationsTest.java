package dev.tollgate.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.tollgate.domain.key.KeyHash;
import dev.tollgate.domain.key.KeyId;
import dev.tollgate.domain.key.KeyRole;
import dev.tollgate.domain.key.RetiredHash;
import dev.tollgate.domain.key.VirtualKey;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.ModelSpec;
import dev.tollgate.domain.tenancy.Owner;
import dev.tollgate.domain.tenancy.TenantId;
import dev.tollgate.domain.tenancy.TenantPolicy;
import dev.tollgate.port.out.KeyStore;
import dev.tollgate.port.out.Stores;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The schema comes from the migrations alone, into a clean schema, and a second run is a no-op. */
class PostgresMigrationsTest {

  private static final String LATEST = PostgresMigrations.LATEST_VERSION;

  private String url;
  private String schema;
  private HikariDataSource pool;

  @BeforeEach
  void cleanSchema() {
    url = TestDatabase.jdbcUrl();
    schema = "tollgate_test_"
        + HexFormat.of().toHexDigits(UUID.randomUUID().getMostSignificantBits());
    pool = PostgresPool.open(url,
        new PostgresPool.Settings(2, Duration.ofSeconds(10), Duration.ofSeconds(30)));
  }

  @AfterEach
  void dropSchema() {
    pool.close();
    TestDatabase.execute(url, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  }

  @Test
  void aCleanSchemaIsMigratedToTheLatestVersion() {
    assertThat(PostgresMigrations.currentVersion(pool, schema)).isEmpty();

    PostgresMigrations.Result result = PostgresMigrations.migrate(pool, schema);

    assertThat(result).isEqualTo(new PostgresMigrations.Result(migrationsInJar(), LATEST));
    assertThat(PostgresMigrations.currentVersion(pool, schema)).contains(LATEST);
    Stores stores = PostgresStores.create(pool, schema);
    ModelSpec model = ModelSpec.of(ModelName.of("gpt-4o-mini"), 16_384);
    stores.models().seed(model, java.time.Instant.EPOCH);
    assertThat(stores.models().find(model.name())).contains(model);
  }

  /**
   * How many migrations the jar holds. Counted, not written down: versions are taken per branch
   * (V5, V6 elsewhere while V7 is here), and Flyway applies whatever set is present in order.
   */
  private static int migrationsInJar() {
    try (Stream<Path> files = Files.list(
        Path.of(PostgresMigrations.class.getClassLoader().getResource("db/migration").toURI()))) {
      return (int) files.filter(f -> f.getFileName().toString().matches("V\\d+__.+\\.sql"))
          .count();
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException("cannot list the migrations", e);
    }
  }

  @Test
  void migratingAgainAppliesNothingAndKeepsTheData() {
    PostgresMigrations.migrate(pool, schema);
    Stores stores = PostgresStores.create(pool, schema);
    ModelSpec model = ModelSpec.of(ModelName.of("llama3:8b"), 4_096);
    stores.models().seed(model, java.time.Instant.EPOCH);

    PostgresMigrations.Result again = PostgresMigrations.migrate(pool, schema);

    assertThat(again).isEqualTo(new PostgresMigrations.Result(0, LATEST));
    assertThat(stores.models().find(model.name())).contains(model);
  }

  @Test
  void keysOfAnEarlierSchemaKeepTheirHashesThroughTheAdministrationMigration() {
    Flyway.configure().dataSource(pool).schemas(schema).defaultSchema(schema).createSchemas(true)
        .locations("classpath:db/migration").target("4").load().migrate();
    String hash = "ab".repeat(32);
    TestDatabase.execute(url, "INSERT INTO " + schema + ".virtual_keys (id, key_hash, tenant_id,"
        + " alias, hint, allowed_models, blocked, created_at) VALUES ('k1', '" + hash + "', 't1',"
        + " 'old', 'sk-tg-...k001', '{}', false, '2030-03-14T10:00:00Z')");

    PostgresMigrations.migrate(pool, schema);

    KeyStore keys = PostgresStores.create(pool, schema).keys();
    VirtualKey old = keys.findById(KeyId.of("k1")).orElseThrow();
    assertThat(old.role()).isEqualTo(KeyRole.INFERENCE);
    assertThat(old.metadata()).isEmpty();
    assertThat(old.previous()).isEmpty();
    VirtualKey thief = new VirtualKey(KeyId.of("k2"), new KeyHash("cd".repeat(32)),
        Owner.tenant(TenantId.of("t1")), "thief", "sk-tg-...k002", Set.of(), Optional.empty(),
        false, old.createdAt(), KeyRole.INFERENCE, Map.of(),
        Optional.of(new RetiredHash(old.hash(), old.createdAt().plusSeconds(60))));
    assertThatThrownBy(() -> keys.save(thief))
        .as("the existing key's hash was claimed by the migration")
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void earlierDuplicateAliasesAreRenamedOldestFirstAndModelsGetWhenTheyWereAdded() {
    Flyway.configure().dataSource(pool).schemas(schema).defaultSchema(schema).createSchemas(true)
        .locations("classpath:db/migration").target("7").load().migrate();
    String[][] rows = {{"k1", "dup", "10"}, {"k2", "dup", "11"}, {"k3", "dup", "12"},
        {"k4", "", "13"}, {"k5", "", "14"}};
    for (String[] r : rows) {
      TestDatabase.execute(url, "INSERT INTO " + schema + ".virtual_keys (id, key_hash, tenant_id,"
          + " alias, hint, allowed_models, blocked, created_at) VALUES ('" + r[0] + "', '"
          + r[0].substring(1).repeat(64) + "', 't1', '" + r[1] + "', 'sk-tg-...0000', '{}', false,"
          + " '2030-03-14T" + r[2] + ":00:00Z')");
    }
    TestDatabase.execute(url, "INSERT INTO " + schema + ".models (name, upstream_name,"
        + " max_output_tokens) VALUES ('old-model', 'old-model', 100)");

    PostgresMigrations.migrate(pool, schema);

    Stores stores = PostgresStores.create(pool, schema);
    KeyStore keys = stores.keys();
    assertThat(keys.findById(KeyId.of("k1")).orElseThrow().alias()).isEqualTo("dup");
    assertThat(keys.findById(KeyId.of("k2")).orElseThrow().alias()).isEqualTo("dup (k2)");
    assertThat(keys.findById(KeyId.of("k3")).orElseThrow().alias()).isEqualTo("dup (k3)");
    assertThat(keys.findById(KeyId.of("k5")).orElseThrow().alias()).isEmpty();
    assertThat(keys.findByAlias(TenantId.of("t1"), "dup")).map(VirtualKey::id)
        .contains(KeyId.of("k1"));
    assertThat(stores.models().served()).singleElement()
        .satisfies(m -> assertThat(m.addedAt()).isAfter(java.time.Instant.EPOCH));
  }

  @Test
  void tenantsWithEndUserBudgetsBeforeTheFlagAreFlaggedByTheMigration() {
    Flyway.configure().dataSource(pool).schemas(schema).defaultSchema(schema).createSchemas(true)
        .locations("classpath:db/migration").target("12").load().migrate();
    TestDatabase.execute(url, "INSERT INTO " + schema + ".budgets (scope_key, limit_nano_usd,"
        + " period) VALUES ('end-user:6:t:1:x2:cust:1', 5, 'lifetime')");
    TestDatabase.execute(url, "INSERT INTO " + schema + ".slot_limits (scope_key, max_in_flight)"
        + " VALUES ('end-user:2:t2:c', 1)");
    TestDatabase.execute(url, "INSERT INTO " + schema + ".tenant_policies (tenant_id,"
        + " allowed_models, alias_names, alias_models, fairness_id) VALUES ('t2', '{}', '{}',"
        + " '{}', 'fair-t2'), ('t3', '{}', '{}', '{}', 't3')");

    PostgresMigrations.migrate(pool, schema);

    Stores stores = PostgresStores.create(pool, schema);
    assertThat(stores.tenants().find(TenantId.of("t:1:x2")).orElseThrow().endUserBudgets())
        .as("a tenant id with colons, no policy before").isTrue();
    TenantPolicy t2 = stores.tenants().find(TenantId.of("t2")).orElseThrow();
    assertThat(t2.endUserBudgets()).isTrue();
    assertThat(t2.fairnessId()).contains("fair-t2");
    assertThat(stores.tenants().find(TenantId.of("t3")).orElseThrow().endUserBudgets()).isFalse();
  }

  @Test
  void aSchemaNameThatIsNotAPlainIdentifierIsRefused() {
    assertThatThrownBy(() -> PostgresMigrations.migrate(pool, "public; DROP TABLE x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PostgresStores.create(pool, "Tollgate"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
