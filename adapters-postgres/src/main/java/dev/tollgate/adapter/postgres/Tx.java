package dev.tollgate.adapter.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.ibatis.exceptions.PersistenceException;
import org.apache.ibatis.session.SqlSession;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/** One unit of work on one connection: its mappers, and whether it must roll back at the end. */
final class Tx implements FreshFirst.Savepoints {

  private final SqlSession session;
  private final Duration statementTimeout;
  private boolean rollbackOnly;
  private boolean copyTimeoutSet;

  /** {@code statementTimeout}: what MyBatis sets through JDBC, null when the connection has it. */
  Tx(SqlSession session, Duration statementTimeout) {
    this.session = session;
    this.statementTimeout = statementTimeout;
  }

  /** This unit of work's connection, in its transaction. */
  Connection connection() {
    return session.getConnection();
  }

  <M> M mapper(Class<M> type) {
    return session.getMapper(type);
  }

  /** The schema the mappers' {@code ${schema}} names (checked by {@link Db#requireSchema}). */
  String schema() {
    return session.getConfiguration().getVariables().getProperty("schema");
  }

  /**
   * Runs {@code COPY ... FROM STDIN} with {@code data} (its first {@code length} bytes) on this
   * unit of work's connection, in its transaction; the rows copied. A failure is a MyBatis
   * {@link PersistenceException}, as from any mapper, so {@link Db} translates and retries it the
   * same way. The copy is bounded by the statement timeout like every other statement: on the
   * server where the pool's connections carry it, else by setting it for this transaction.
   */
  long copyIn(String sql, byte[] data, int length) {
    try {
      Connection connection = connection();
      boundCopy(connection);
      CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
      try {
        copy.writeToCopy(data, 0, length);
        return copy.endCopy();
      } catch (SQLException e) {
        cancelQuietly(copy, e);
        throw e;
      }
    } catch (SQLException e) {
      throw new PersistenceException("COPY failed: " + e.getMessage(), e);
    }
  }

  /** Ends a copy that failed half-way, keeping the first failure as the one reported. */
  private static void cancelQuietly(CopyIn copy, SQLException cause) {
    if (!copy.isActive()) {
      return;
    }
    try {
      copy.cancelCopy();
    } catch (SQLException e) {
      cause.addSuppressed(e); // the connection is gone; the pool discards it
    }
  }

  private void boundCopy(Connection connection) throws SQLException {
    if (statementTimeout == null || copyTimeoutSet) {
      return;
    }
    try (Statement s = connection.createStatement()) {
      s.execute("SET LOCAL statement_timeout = " + Math.max(1, statementTimeout.toMillis()));
    }
    copyTimeoutSet = true;
  }

  /**
   * {@code attempt}, or, when it fails with SQLSTATE {@code state}, {@code otherwise} in its place:
   * a savepoint undoes what the attempt did and keeps what the transaction did before it. Any
   * other failure ends the transaction as usual.
   */
  @Override
  public <T> T attemptOr(String state, Supplier<T> attempt, Supplier<T> otherwise) {
    Connection connection = connection();
    boolean copyBoundBefore = copyTimeoutSet;
    Savepoint before;
    try {
      before = connection.setSavepoint();
    } catch (SQLException e) {
      throw new PersistenceException("SAVEPOINT failed: " + e.getMessage(), e);
    }
    T result;
    try {
      result = attempt.get();
    } catch (PersistenceException e) {
      if (!state.equals(Db.sqlState(e))) {
        throw e;
      }
      try {
        connection.rollback(before);
        // ROLLBACK TO keeps the savepoint open: release it, or what follows runs in a
        // subtransaction of its own (its rows' visibility checks then look up pg_subtrans)
        connection.releaseSavepoint(before);
      } catch (SQLException undo) {
        e.addSuppressed(undo);
        throw e;
      }
      // a SET LOCAL made in the attempt (a first copy's bound) was undone with it
      copyTimeoutSet = copyBoundBefore;
      return otherwise.get();
    }
    try {
      connection.releaseSavepoint(before);
    } catch (SQLException e) {
      throw new PersistenceException("RELEASE SAVEPOINT failed: " + e.getMessage(), e);
    }
    return result;
  }

  /** The work decided to change nothing (a refusal): roll back instead of committing. */
  void rollbackOnly() {
    rollbackOnly = true;
  }

  boolean isRollbackOnly() {
    return rollbackOnly;
  }
}
