package dev.tollgate.adapter.postgres;

import com.zaxxer.hikari.HikariDataSource;
import dev.tollgate.port.out.ReplicaLiveness;
import dev.tollgate.port.out.ReplicaRun;
import dev.tollgate.port.out.StoreUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Replica runs in {@code replica_runs}, each alive while a session holds its advisory lock. The
 * lock lives on one connection of this process's own, outside the statements' pool traffic: when
 * the process dies (SIGKILL included) the kernel closes the socket and PostgreSQL ends the session
 * and its lock at once, while a process that is stalled or cut off keeps its session (the server
 * sees no end of it), so it is never taken for gone. Every statement of this adapter runs on that
 * connection, so a broken connection is noticed at the next {@link #renew} and taken again.
 */
public final class PostgresReplicaLiveness implements ReplicaLiveness, AutoCloseable {

  /** The advisory lock's first key: which locks are ours ("tl" + "g"). */
  static final int LOCK_CLASS = 7_628_391;
  /** A statement on the liveness connection is cancelled after this many seconds. */
  static final int STATEMENT_TIMEOUT_SECONDS = 5;

  private final DataSource dataSource;
  private final String schema;
  private Connection connection;
  private boolean locked; // on this connection

  PostgresReplicaLiveness(DataSource dataSource, String schema) {
    this.dataSource = dataSource;
    this.schema = Db.requireSchema(schema);
  }

  @Override
  public synchronized void register(ReplicaRun run, List<ReplicaRun> predecessors) {
    work("register a replica run", c -> {
      lock(c, run);
      insert(c, run);
      for (ReplicaRun p : predecessors) { // adopted: this run gives their holds back itself
        update(c, "DELETE FROM " + schema + ".replica_runs WHERE run = ?", p.value());
      }
      return null;
    });
  }

  @Override
  public synchronized boolean renew(ReplicaRun run) {
    return work("renew a replica run", c -> {
      lock(c, run);
      return insert(c, run) == 0; // inserted: a survivor had forgotten it
    });
  }

  @Override
  public synchronized List<ReplicaRun> gone(int limit) {
    return work("read gone replica runs", c -> {
      try (PreparedStatement st = c.prepareStatement("SELECT r.run FROM " + schema + ".replica_runs r"
          + " WHERE NOT EXISTS (SELECT 1 FROM pg_locks l"
          + " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2"
          + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
          + " AND l.classid = " + LOCK_CLASS + "::oid AND l.objid = r.lock_key::oid)"
          + " ORDER BY r.registered_at LIMIT ?")) {
        st.setQueryTimeout(STATEMENT_TIMEOUT_SECONDS);
        st.setInt(1, Math.min(limit, MAX_GONE));
        List<ReplicaRun> gone = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            gone.add(new ReplicaRun(rs.getString(1)));
          }
        }
        return gone;
      }
    });
  }

  @Override
  public synchronized boolean forget(ReplicaRun run) {
    return work("forget a replica run",
        c -> update(c, "DELETE FROM " + schema + ".replica_runs WHERE run = ?", run.value()) > 0);
  }

  @Override
  public synchronized void end(ReplicaRun run) {
    closeConnection();
  }

  @Override
  public synchronized void close() {
    closeConnection();
  }

  /** The lock key of {@code run}: a collision only makes a gone run look alive (its holds lapse). */
  int lockKey(ReplicaRun run) {
    return (schema + "/" + run.value()).hashCode() & Integer.MAX_VALUE;
  }

  private void lock(Connection c, ReplicaRun run) throws SQLException {
    if (locked) {
      return; // session locks stack: take it once per connection
    }
    try (PreparedStatement st = c.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
      st.setQueryTimeout(STATEMENT_TIMEOUT_SECONDS);
      st.setInt(1, LOCK_CLASS);
      st.setInt(2, lockKey(run));
      try (ResultSet rs = st.executeQuery()) {
        rs.next(); // false: a session the server has not seen end yet still holds it; alive either way
        locked = rs.getBoolean(1);
      }
    }
  }

  private int insert(Connection c, ReplicaRun run) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("INSERT INTO " + schema + ".replica_runs (run, lock_key)"
        + " VALUES (?, ?) ON CONFLICT (run) DO NOTHING")) {
      st.setQueryTimeout(STATEMENT_TIMEOUT_SECONDS);
      st.setString(1, run.value());
      st.setInt(2, lockKey(run));
      return st.executeUpdate();
    }
  }

  private static int update(Connection c, String sql, String... args) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(sql)) {
      st.setQueryTimeout(STATEMENT_TIMEOUT_SECONDS);
      for (int i = 0; i < args.length; i++) {
        st.setString(i + 1, args[i]);
      }
      return st.executeUpdate();
    }
  }

  private interface Work<T> {
    T on(Connection c) throws SQLException;
  }

  /** Runs {@code work} on the liveness connection, opening it first if it is closed or broken. */
  private <T> T work(String what, Work<T> work) {
    boolean fresh = connection == null;
    try {
      return work.on(open());
    } catch (SQLException | RuntimeException e) {
      closeConnection(); // broken (e.g. the database restarted): a fresh one, and the lock again
      if (fresh) {
        throw new StoreUnavailableException(what + " failed: " + e.getMessage(), e);
      }
    }
    try {
      return work.on(open());
    } catch (SQLException | RuntimeException e) {
      closeConnection();
      throw new StoreUnavailableException(what + " failed: " + e.getMessage(), e);
    }
  }

  private Connection open() throws SQLException {
    if (connection == null || connection.isClosed()) {
      connection = dataSource.getConnection();
      connection.setAutoCommit(true);
    }
    return connection;
  }

  /**
   * Ends the session, not just the borrowing: a pooled connection given back would keep the lock
   * (and the run alive) for as long as the pool keeps it.
   */
  private void closeConnection() {
    if (connection != null) {
      try (PreparedStatement st = connection.prepareStatement("SELECT pg_advisory_unlock_all()")) {
        st.setQueryTimeout(STATEMENT_TIMEOUT_SECONDS);
        st.execute(); // now, not when the pool gets round to closing the evicted connection
      } catch (SQLException | RuntimeException e) {
        // broken: the server ends the session, and its lock, when it sees the socket close
      }
      try {
        if (dataSource instanceof HikariDataSource pool) {
          pool.evictConnection(connection);
        } else {
          connection.close();
        }
      } catch (SQLException | RuntimeException e) {
        // gone already
      }
      connection = null;
      locked = false;
    }
  }
}
