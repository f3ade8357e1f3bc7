package dev.tollgate.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Every connection the pool hands out has its socket timeout in effect: three times the
 * statement timeout. (The driver ignores property values that are not strings; a Long here once
 * left every connection with none, and a silent database hung its callers for good.)
 */
class PostgresPoolTimeoutsTest {

  @Test
  void pooledConnectionsCarryTheSocketTimeout() throws Exception {
    PostgresPool.Settings settings =
        new PostgresPool.Settings(2, Duration.ofSeconds(5), Duration.ofSeconds(2));
    try (HikariDataSource pool = PostgresPool.open(TestDatabase.jdbcUrl(), settings)) {
      for (int i = 0; i < 3; i++) {
        try (Connection c = pool.getConnection()) {
          assertThat(c.getNetworkTimeout()).isEqualTo(6_000);
        }
      }
    }
  }
}
