package dev.tollgate.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL holds the ledger of a quick start: a commit it acknowledged must
 * survive an OS crash or a power loss, so it runs with fsync and synchronous commit on, not the
 * embedded library's test defaults (both off).
 */
class EmbeddedPostgresDurabilityTest {

  @TempDir Path dir;

  @Test
  void theEmbeddedServerFsyncsAndCommitsSynchronously() throws Exception {
    try (EmbeddedPostgresDatabase db = EmbeddedPostgresDatabase.start(dir.resolve("pgdata"))) {
      assertThat(show(db.jdbcUrl(), "fsync")).isEqualTo("on");
      assertThat(show(db.jdbcUrl(), "synchronous_commit")).isEqualTo("on");
      assertThat(show(db.jdbcUrl(), "full_page_writes")).isEqualTo("on");
    }
  }

  private static String show(String url, String setting) throws Exception {
    try (var c = DriverManager.getConnection(url);
        var rs = c.createStatement().executeQuery("SHOW " + setting)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
