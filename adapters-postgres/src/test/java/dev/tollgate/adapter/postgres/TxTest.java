package dev.tollgate.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A copy over a caller's data source is bounded on the server for its transaction ({@code SET
 * LOCAL statement_timeout}); when the first copy was in an attempt a savepoint undid, the bound
 * went with it, and the copy in its place sets it again.
 */
class TxTest {

  @RegisterExtension static final TestSchema SCHEMA = new TestSchema();

  /** One row's binary copy into {@code (id text)}. */
  private static BinaryCopy row(String id) {
    return new BinaryCopy(64).row(1).text(id).finish();
  }

  @Test
  void aCopyAfterAnUndoneAttemptIsBoundedAgain() {
    Db db = Db.create(SCHEMA.postgres().dataSource(), SCHEMA.name(), Duration.ofSeconds(7));
    String timeout = db.inTransaction("undone copy", tx -> {
      execute(tx, "CREATE TEMP TABLE IF NOT EXISTS pg_temp.once (id text PRIMARY KEY)"
          + " ON COMMIT DROP");
      BinaryCopy one = row("a");
      tx.copyIn("COPY pg_temp.once FROM STDIN (FORMAT binary)", one.bytes(), one.size());
      return tx.attemptOr("23505", () -> {
        BinaryCopy again = row("a"); // a unique violation, as a replayed id
        tx.copyIn("COPY pg_temp.once FROM STDIN (FORMAT binary)", again.bytes(), again.size());
        return "attempt";
      }, () -> setting(tx));
    });
    assertThat(timeout).as("set before the attempt, kept").isEqualTo("7s");

    String inPlace = db.inTransaction("copy in place", tx -> {
      execute(tx, "CREATE TEMP TABLE IF NOT EXISTS pg_temp.twice (id text PRIMARY KEY)"
          + " ON COMMIT DROP");
      return tx.attemptOr("23505", () -> {
        BinaryCopy both = new BinaryCopy(64).row(1).text("b").row(1).text("b").finish();
        tx.copyIn("COPY pg_temp.twice FROM STDIN (FORMAT binary)", both.bytes(), both.size());
        return "attempt";
      }, () -> {
        BinaryCopy one = row("b");
        tx.copyIn("COPY pg_temp.twice FROM STDIN (FORMAT binary)", one.bytes(), one.size());
        return setting(tx);
      });
    });
    assertThat(inPlace).as("set in the undone attempt, set again").isEqualTo("7s");
  }

  private static void execute(Tx tx, String sql) {
    try (Statement s = tx.connection().createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String setting(Tx tx) {
    try (Statement s = tx.connection().createStatement();
        ResultSet r = s.executeQuery("SHOW statement_timeout")) {
      r.next();
      return r.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
