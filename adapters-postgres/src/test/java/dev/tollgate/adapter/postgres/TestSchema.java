package dev.tollgate.adapter.postgres;

import dev.tollgate.port.out.Stores;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh schema for one test class: {@code tollgate_test_<random>}, migrated before the first
 * test, dropped after the last. Register it as a static field:
 * {@code @RegisterExtension static final TestSchema SCHEMA = new TestSchema();}
 */
final class TestSchema implements BeforeAllCallback, AfterAllCallback {

  /** Connections per pool: one per contract thread, so no test waits for a connection. */
  static final PostgresPool.Settings POOL =
      new PostgresPool.Settings(16, Duration.ofSeconds(10), Duration.ofSeconds(30));

  private String url;
  private String name;
  private PostgresStores stores;

  @Override
  public void beforeAll(ExtensionContext context) {
    url = TestDatabase.jdbcUrl();
    name = "tollgate_test_"
        + HexFormat.of().toHexDigits(UUID.randomUUID().getLeastSignificantBits());
    stores = PostgresStores.open(url, name, POOL);
    PostgresMigrations.migrate(stores.dataSource(), name);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (stores != null) {
      stores.close();
      TestDatabase.execute(url, "DROP SCHEMA IF EXISTS " + name + " CASCADE");
    }
  }

  Stores stores() {
    return stores.stores();
  }

  PostgresStores postgres() {
    return stores;
  }

  String name() {
    return name;
  }

  String url() {
    return url;
  }

  /** Another pool on the same schema: a second replica. */
  PostgresStores openReplica(PostgresPool.Settings settings) {
    return PostgresStores.open(url, name, settings);
  }
}
