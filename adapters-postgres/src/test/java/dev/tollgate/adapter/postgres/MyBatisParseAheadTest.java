package dev.tollgate.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.pricing.ModelName;
import dev.tollgate.domain.pricing.ModelSpec;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The stores' SQL parsed ahead of a start's database ({@link PostgresStores#parseAhead}) is
 * taken by the first stores of its schema on a pool, once, and serves them as a configuration
 * parsed in place would; the stores of another schema parse their own and leave it waiting.
 */
class MyBatisParseAheadTest {

  private final String url = TestDatabase.jdbcUrl();
  private final String first = fresh();
  private final String second = fresh();

  @AfterEach
  void drop() {
    TestDatabase.execute(url, "DROP SCHEMA IF EXISTS " + first + " CASCADE");
    TestDatabase.execute(url, "DROP SCHEMA IF EXISTS " + second + " CASCADE");
  }

  @Test
  void the_first_stores_of_the_schema_take_it_and_work_on_it() {
    PostgresStores.parseAhead(first);

    try (PostgresStores stores = migratedStores(first)) {
      assertThat(MyBatisConfig.waitingFor(first)).isFalse();
      ModelSpec model = ModelSpec.of(ModelName.of("llama3:8b"), 4_096);
      stores.stores().models().seed(model, Instant.EPOCH);
      assertThat(stores.stores().models().find(model.name())).contains(model);
    }
  }

  @Test
  void another_schemas_stores_parse_their_own_and_leave_it_waiting() {
    PostgresStores.parseAhead(first);

    try (PostgresStores other = migratedStores(second)) {
      assertThat(MyBatisConfig.waitingFor(first)).isTrue();
      assertThat(other.stores().models().find(ModelName.of("absent"))).isEmpty();
    }
    try (PostgresStores stores = migratedStores(first)) {
      assertThat(MyBatisConfig.waitingFor(first)).isFalse();
      assertThat(stores.stores().models().find(ModelName.of("absent"))).isEmpty();
    }
  }

  private PostgresStores migratedStores(String schema) {
    PostgresStores stores = PostgresStores.open(url, schema, TestSchema.POOL);
    PostgresMigrations.migrate(stores.dataSource(), schema);
    return stores;
  }

  private static String fresh() {
    return "tollgate_test_" + HexFormat.of().toHexDigits(UUID.randomUUID().getMostSignificantBits());
  }
}
