package dev.tollgate.benchmarks.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * CPU time of this run's PostgreSQL backends (the pool's connections, found by application
 * name), read from /proc: the database's share of an entry's cost, which a shared machine's load
 * stretches in wall time but hardly in CPU time. Zero when the server is not on this machine.
 */
final class BackendCpu {

  static final String APPLICATION = "tollgate-ledger-ingest";

  private final DataSource pool;

  BackendCpu(DataSource pool) {
    this.pool = pool;
  }

  long nanos() {
    long ticks = 0;
    for (int pid : pids()) {
      ticks += ticksOf(pid);
    }
    return ticks * 1_000_000_000L / 100; // USER_HZ is 100 on Linux
  }

  /**
   * The server's WAL insert position in bytes: the WAL a drain writes, a measure of its work on
   * rows and index pages that the machine's drift does not stretch (nothing else writes meanwhile).
   */
  long walBytes() {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0')::bigint")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("reading the WAL position", e);
    }
  }

  private List<Integer> pids() {
    List<Integer> pids = new ArrayList<>();
    try (Connection c = pool.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT pid FROM pg_stat_activity WHERE application_name = '"
            + APPLICATION + "'")) {
      while (rs.next()) {
        pids.add(rs.getInt(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("listing the pool's backends", e);
    }
    return pids;
  }

  private static long ticksOf(int pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
    } catch (IOException | RuntimeException e) {
      return 0; // another machine's server, or a backend that just ended
    }
  }
}
