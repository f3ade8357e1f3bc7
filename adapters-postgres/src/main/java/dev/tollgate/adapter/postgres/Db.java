package dev.tollgate.adapter.postgres;

import dev.tollgate.port.out.StoreRefusedException;
import dev.tollgate.port.out.StoreUnavailableException;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.ibatis.exceptions.PersistenceException;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;

/**
 * The MyBatis session factory of one schema, and the only place that opens sessions: every unit of
 * work runs here, so every driver and MyBatis failure is translated here. A transaction that loses
 * a race (serialization failure, deadlock, or a race the adapter itself detects) is retried from
 * the start, at most {@link #MAX_ATTEMPTS} times.
 */
final class Db {

  static final int MAX_ATTEMPTS = 3;
  private static final String SERIALIZATION_FAILURE = "40001";
  private static final String DEADLOCK = "40P01";
  /** A statement timeout (or a cancel): the database is too slow to serve, as good as down. */
  private static final String QUERY_CANCELED = "57014";
  private static final String IDLE_TIMEOUT = "25P03";
  private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  /** Thrown by a unit of work that saw a concurrent change it cannot build on: run it again. */
  static final class RaceLost extends RuntimeException {
    RaceLost(String message) {
      super(message, null, false, false);
    }
  }

  private final SqlSessionFactory sessions;
  private final String schema;
  /** The JDBC statement timeout MyBatis sets, for work it does not run (COPY); null: none. */
  private final Duration statementTimeout;
  private final AtomicLong deadlocks = new AtomicLong();

  private Db(SqlSessionFactory sessions, String schema, Duration statementTimeout) {
    this.sessions = sessions;
    this.schema = schema;
    this.statementTimeout = statementTimeout;
  }

  /**
   * The stores' access to {@code schema}. {@code statementTimeout} is set on every statement
   * through JDBC (the driver then schedules a timer task per statement: a sixth of the journal
   * forwarder's CPU in {@code LedgerIngest}'s profile); null when the connections already carry
   * a server-side {@code statement_timeout}, as {@link PostgresPool}'s do.
   */
  static Db create(DataSource dataSource, String schema, Duration statementTimeout) {
    return new Db(MyBatisConfig.sessionFactory(dataSource, requireSchema(schema), statementTimeout),
        schema, statementTimeout);
  }

  /** A schema name that is safe to splice into SQL unquoted: lower case, digits, underscores. */
  static String requireSchema(String schema) {
    if (schema == null || !SCHEMA.matcher(schema).matches()) {
      throw new IllegalArgumentException("schema must match " + SCHEMA.pattern() + ": " + schema);
    }
    return schema;
  }

  String schema() {
    return schema;
  }

  /** Runs {@code work} with autocommit: each statement is its own transaction. */
  <T> T read(String what, Function<Tx, T> work) {
    try (SqlSession session = sessions.openSession(true)) {
      return work.apply(new Tx(session, statementTimeout));
    } catch (PersistenceException e) {
      throw unavailable(what, e);
    }
  }

  /** Runs {@code work} in one transaction, committed unless the work asked for a rollback. */
  <T> T inTransaction(String what, Function<Tx, T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return once(work);
      } catch (RaceLost e) {
        if (attempt >= MAX_ATTEMPTS) {
          throw new StoreUnavailableException(what + " kept losing races: " + e.getMessage(), e);
        }
      } catch (PersistenceException e) {
        if (DEADLOCK.equals(sqlState(e))) {
          deadlocks.incrementAndGet();
        }
        if (attempt >= MAX_ATTEMPTS || !isRetryable(e)) {
          throw unavailable(what, e);
        }
      }
    }
  }

  private <T> T once(Function<Tx, T> work) {
    try (SqlSession session = sessions.openSession(false)) {
      Tx tx = new Tx(session, statementTimeout);
      try {
        T result = work.apply(tx);
        if (tx.isRollbackOnly()) {
          session.rollback(true);
        } else {
          session.commit(true);
        }
        return result;
      } catch (RuntimeException e) {
        rollbackQuietly(session, e);
        throw e;
      }
    }
  }

  private static void rollbackQuietly(SqlSession session, RuntimeException cause) {
    try {
      session.rollback(true);
    } catch (RuntimeException e) {
      cause.addSuppressed(e); // the connection is gone; the pool discards it
    }
  }

  /** The SQLState of the first {@link SQLException} in the cause chain, or null. */
  static String sqlState(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return sql.getSQLState();
      }
    }
    return null;
  }

  private static boolean isRetryable(PersistenceException e) {
    String state = sqlState(e);
    return SERIALIZATION_FAILURE.equals(state) || DEADLOCK.equals(state);
  }

  /**
   * Deadlocks PostgreSQL reported to this Db's transactions. The lock order keeps it at zero;
   * anything else is a bug worth a metric.
   */
  long deadlocks() {
    return deadlocks.get();
  }

  /**
   * The failure as the port sees it: an outage only when the connection failed (SQLState class
   * 08, a server shutting down or out of resources, a timeout, a socket error, no connection from
   * the pool); anything else is the database refusing this statement, which says nothing about
   * whether it is up.
   */
  static StoreUnavailableException unavailable(String what, RuntimeException e) {
    String state = sqlState(e);
    String message = what + " failed" + (state == null ? "" : " (SQLState " + state + ")");
    return isConnectionFailure(e, state)
        ? new StoreUnavailableException(message, e)
        : new StoreRefusedException(message, e);
  }

  static boolean isConnectionFailure(Throwable e, String state) {
    if (state == null) {
      // The server always says why it refuses; a driver or pool failure (a closed pool) may not.
      return hasCause(e, SQLException.class) || isTransport(e);
    }
    if (state.startsWith("08") || state.startsWith("53") || state.startsWith("58")
        || state.startsWith("57P") || state.equals(QUERY_CANCELED) || state.equals(IDLE_TIMEOUT)) {
      return true;
    }
    return isTransport(e);
  }

  private static boolean isTransport(Throwable e) {
    return hasCause(e, SQLTransientConnectionException.class)
        || hasCause(e, SQLNonTransientConnectionException.class)
        || hasCause(e, SQLRecoverableException.class) || hasCause(e, SQLTimeoutException.class)
        || hasCause(e, IOException.class);
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
