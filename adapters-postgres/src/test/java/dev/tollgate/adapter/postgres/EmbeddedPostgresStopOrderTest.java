package dev.tollgate.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * At the JVM's exit the embedded PostgreSQL stops after its owner's last write, not under it: JVM
 * exit hooks run concurrently, and the library's own hook stopped the database while a SIGTERMed
 * server was still draining (its final journal forward and pool close then each waited out a
 * connection timeout against a dead server, about ten seconds of a stop).
 */
class EmbeddedPostgresStopOrderTest {

  @TempDir Path dir;

  @Test
  void theExitHookWaitsForAnOwnerThatClosesFirst() throws Exception {
    EmbeddedPostgresDatabase db = EmbeddedPostgresDatabase.start(dir.resolve("pgdata")).ownerClosesFirst();
    try {
      CompletableFuture<Void> exit = CompletableFuture.runAsync(db::stopAtExit);
      // While the owner drains, the database still answers and the hook has not stopped it.
      for (int i = 0; i < 5; i++) {
        assertThat(answers(db.jdbcUrl())).isTrue();
        Thread.sleep(50);
      }
      assertThat(exit).isNotDone();
      db.close(); // the owner's close, after its last write
      exit.get(30, TimeUnit.SECONDS);
    } finally {
      db.close();
    }
  }

  @Test
  void withoutAnOwnerTheExitHookStopsTheDatabase() throws Exception {
    EmbeddedPostgresDatabase db = EmbeddedPostgresDatabase.start(dir.resolve("pgdata"));
    String url = db.jdbcUrl();
    CompletableFuture.runAsync(db::stopAtExit).get(30, TimeUnit.SECONDS);
    assertThat(answers(url)).isFalse();
    db.close(); // a second close does nothing
  }

  private static boolean answers(String url) {
    try (var c = DriverManager.getConnection(url); var rs = c.createStatement().executeQuery("SELECT 1")) {
      return rs.next();
    } catch (java.sql.SQLException e) {
      return false;
    }
  }
}
