package dev.tollgate.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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

  /**
   * The statement timeout is the server's ({@code statement_timeout}, set as each connection
   * opens), so no statement schedules the driver's timer task; a statement past it is cancelled
   * with 57014 as the driver's timeout did. Migrations take a connection without it.
   */
  @Test
  void pooledConnectionsCarryTheStatementTimeoutOnTheServer() throws Exception {
    PostgresPool.Settings settings =
        new PostgresPool.Settings(2, Duration.ofSeconds(5), Duration.ofSeconds(1));
    try (HikariDataSource pool = PostgresPool.open(TestDatabase.jdbcUrl(), settings)) {
      try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
        assertThat(setting(s)).isEqualTo("1s");
        assertThatThrownBy(() -> s.execute("SELECT pg_sleep(3)"))
            .isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("57014"));
      }
    }
    try (Connection c = PostgresPool.unpooled(TestDatabase.jdbcUrl()).getConnection();
        Statement s = c.createStatement()) {
      assertThat(setting(s)).isEqualTo("0");
    }
  }

  private static String setting(Statement s) throws SQLException {
    try (ResultSet r = s.executeQuery("SHOW statement_timeout")) {
      r.next();
      return r.getString(1);
    }
  }
}
