package dev.tollgate.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.ModelSpec;
import dev.tollgate.service.Stores;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
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

    assertThat(result).isEqualTo(new PostgresMigrations.Result(5, "5"));
    assertThat(PostgresMigrations.currentVersion(pool, schema)).contains(LATEST);
    Stores stores = PostgresStores.create(pool, schema);
    ModelSpec model = ModelSpec.of(ModelName.of("gpt-4o-mini"), 16_384);
    stores.models().put(model);
    assertThat(stores.models().find(model.name())).contains(model);
  }

  @Test
  void migratingAgainAppliesNothingAndKeepsTheData() {
    PostgresMigrations.migrate(pool, schema);
    Stores stores = PostgresStores.create(pool, schema);
    ModelSpec model = ModelSpec.of(ModelName.of("llama3:8b"), 4_096);
    stores.models().put(model);

    PostgresMigrations.Result again = PostgresMigrations.migrate(pool, schema);

    assertThat(again).isEqualTo(new PostgresMigrations.Result(0, LATEST));
    assertThat(stores.models().find(model.name())).contains(model);
  }

  @Test
  void aSchemaNameThatIsNotAPlainIdentifierIsRefused() {
    assertThatThrownBy(() -> PostgresMigrations.migrate(pool, "public; DROP TABLE x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PostgresStores.create(pool, "Tollgate"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
