package dev.tollgate.adapter.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * A bounded HikariCP pool for the stores. Every wait is bounded: for a free connection
 * ({@link Settings#connectionTimeout}), for the server to accept one (the driver's connect
 * timeout), and for a silent network (the driver's socket timeout, longer than any statement).
 * The pool starts even when the database is down; calls then fail with
 * {@link dev.tollgate.port.out.StoreUnavailableException} until it is back.
 */
public final class PostgresPool {

  /** How the pool is bounded. */
  public record Settings(int maxSize, Duration connectionTimeout, Duration statementTimeout) {

    public static final int MAX_POOL_SIZE = 64;

    public Settings {
      if (maxSize < 1 || maxSize > MAX_POOL_SIZE) {
        throw new IllegalArgumentException("maxSize must be 1.." + MAX_POOL_SIZE);
      }
      if (connectionTimeout.toMillis() < 250 || statementTimeout.toSeconds() < 1) {
        throw new IllegalArgumentException("connectionTimeout >= 250 ms, statementTimeout >= 1 s");
      }
    }

    /**
     * How long a read may wait on a silent connection before it is dropped as dead: three times
     * the statement timeout, so a slow statement is cancelled by its own timeout first.
     */
    public Duration socketTimeout() {
      return statementTimeout.multipliedBy(3);
    }

    /** Ten connections, 5 s to get one, 10 s per statement. */
    public static Settings defaults() {
      return new Settings(10, Duration.ofSeconds(5), Duration.ofSeconds(10));
    }
  }

  private PostgresPool() {}

  /** The session setting that bounds every statement on a connection. */
  static String statementTimeoutSql(Duration statementTimeout) {
    return "SET statement_timeout = " + Math.max(1, statementTimeout.toMillis());
  }

  /**
   * A data source without a pool or a statement timeout on {@code jdbcUrl}, for work that may
   * rightly run longer than any request: schema migrations (an index on a large ledger).
   */
  public static DataSource unpooled(String jdbcUrl) {
    org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
    ds.setURL(jdbcUrl);
    ds.setApplicationName("tollgate-migrate");
    ds.setConnectTimeout(10);
    ds.setLoginTimeout(10);
    return ds;
  }

  /** A pool on {@code jdbcUrl} (credentials as URL parameters or in the URL's own syntax). */
  public static HikariDataSource open(String jdbcUrl, Settings settings) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("tollgate-postgres");
    config.setJdbcUrl(jdbcUrl);
    config.setMaximumPoolSize(settings.maxSize());
    config.setMinimumIdle(Math.min(2, settings.maxSize()));
    config.setConnectionTimeout(settings.connectionTimeout().toMillis());
    config.setValidationTimeout(Math.min(settings.connectionTimeout().toMillis(), 2_000));
    config.setInitializationFailTimeout(-1); // start now, connect when the database is there
    long connectSeconds = Math.max(1, settings.connectionTimeout().toSeconds());
    // Strings: the driver reads its properties with Properties.getProperty, which ignores any
    // value that is not a String, so a Long here silently left every timeout off.
    config.addDataSourceProperty("connectTimeout", String.valueOf(connectSeconds));
    config.addDataSourceProperty("loginTimeout", String.valueOf(connectSeconds));
    // A statement timeout cancels over a new connection, and the statement waits for that
    // cancel: bounded like a connect, not by the driver's 10 s default.
    config.addDataSourceProperty("cancelSignalTimeout", String.valueOf(connectSeconds));
    config.addDataSourceProperty("socketTimeout", String.valueOf(settings.socketTimeout().toSeconds()));
    config.addDataSourceProperty("tcpKeepAlive", "true");
    // The statement timeout on the server, set once per connection: the same cancel (57014) as
    // the driver's per-statement timeout, without a timer task scheduled for every statement.
    config.setConnectionInitSql(statementTimeoutSql(settings.statementTimeout()));
    config.addDataSourceProperty("ApplicationName", "tollgate");
    return new HikariDataSource(config);
  }
}
