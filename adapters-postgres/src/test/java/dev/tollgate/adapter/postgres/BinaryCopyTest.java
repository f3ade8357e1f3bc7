package dev.tollgate.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Values sent in the binary COPY format (the ledger's staged batches) are stored exactly as the
 * single-row statements store them: instants to the same microsecond, infinities, BC years, years
 * past 9999; text in UTF-8, nulls, the extremes of bigint, both booleans.
 */
class BinaryCopyTest {

  @RegisterExtension static final TestSchema SCHEMA = new TestSchema();

  private static final List<Instant> INSTANTS = List.of(
      Instant.parse("2026-12-03T10:15:30.123456789Z"),
      Instant.parse("2026-12-03T10:15:30Z"),
      Instant.parse("1969-12-31T23:59:59.999999Z"),
      Instant.parse("1999-12-31T23:59:59.999999Z"),
      Instant.EPOCH,
      LocalDate.of(1, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC),
      LocalDate.of(0, 6, 30).atStartOfDay().toInstant(ZoneOffset.UTC).plusNanos(1_000),
      LocalDate.of(-4000, 3, 1).atStartOfDay().toInstant(ZoneOffset.UTC),
      LocalDate.of(10_000, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC),
      LocalDate.of(294_000, 12, 31).atStartOfDay().toInstant(ZoneOffset.UTC).minusNanos(1),
      PgInstantTypeHandler.LOWEST,
      PgInstantTypeHandler.HIGHEST,
      Instant.MIN,
      Instant.MAX);

  private static final List<String> TEXTS =
      List.of("", "tenant-1", "zoë ☃ 𝄞", "a,b", "x".repeat(10_000));

  @Test
  void instantsAreStoredAsTheSingleRowPathStoresThem() throws SQLException {
    BinaryCopy copy = new BinaryCopy(0);
    for (int i = 0; i < INSTANTS.size(); i++) {
      copy.row(2).int4Field(i).timestamptz(INSTANTS.get(i));
    }
    try (Connection c = SCHEMA.postgres().dataSource().getConnection()) {
      copyInto(c, "n integer, at timestamptz", copy.finish());
      // Compared inside PostgreSQL: the driver's own reading of BC dates is not exact.
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT at = ?, at::text FROM pg_temp.copied WHERE n = ?")) {
        for (int i = 0; i < INSTANTS.size(); i++) {
          ps.setObject(1, PgInstantTypeHandler.toDb(INSTANTS.get(i)));
          ps.setInt(2, i);
          try (ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBoolean(1)).as("%s stored as %s", INSTANTS.get(i), rs.getString(2))
                .isTrue();
          }
        }
      }
    }
  }

  @Test
  void textNumbersBooleansAndNullsRoundTrip() throws SQLException {
    BinaryCopy copy = new BinaryCopy(0); // grows from its smallest buffer
    for (int i = 0; i < TEXTS.size(); i++) {
      long v = i % 2 == 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
      copy.row(5).int4Field(i).text(TEXTS.get(i)).int8Field(v).bool(i % 2 == 0).nul();
    }
    try (Connection c = SCHEMA.postgres().dataSource().getConnection()) {
      copyInto(c, "n integer, t text, v bigint, b boolean, z timestamptz", copy.finish());
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT t, v, b, z FROM pg_temp.copied ORDER BY n")) {
        for (int i = 0; i < TEXTS.size(); i++) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo(TEXTS.get(i));
          assertThat(rs.getLong(2)).isEqualTo(i % 2 == 0 ? Long.MAX_VALUE : Long.MIN_VALUE);
          assertThat(rs.getBoolean(3)).isEqualTo(i % 2 == 0);
          assertThat(rs.getObject(4)).isNull();
        }
        assertThat(rs.next()).isFalse();
      }
    }
  }

  @Test
  void textArraysRoundTripEmptyOrNot() throws SQLException {
    List<String[]> arrays = List.of(new String[0], new String[] {"one"},
        new String[] {"", "a,b", "zoë ☃ 𝄞", "x".repeat(5_000)});
    BinaryCopy copy = new BinaryCopy(0);
    for (int i = 0; i < arrays.size(); i++) {
      copy.row(2).int4Field(i).textArray(arrays.get(i));
    }
    try (Connection c = SCHEMA.postgres().dataSource().getConnection()) {
      copyInto(c, "n integer, a text[] NOT NULL", copy.finish());
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT a, cardinality(a), a = '{}' FROM pg_temp.copied"
              + " ORDER BY n")) {
        for (String[] expected : arrays) {
          assertThat(rs.next()).isTrue();
          assertThat((String[]) rs.getArray(1).getArray()).containsExactly(expected);
          assertThat(rs.getInt(2)).isEqualTo(expected.length);
          assertThat(rs.getBoolean(3)).isEqualTo(expected.length == 0);
        }
        assertThat(rs.next()).isFalse();
      }
    }
  }

  private static void copyInto(Connection c, String columns, BinaryCopy copy) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS pg_temp.copied");
      s.execute("CREATE TEMP TABLE copied (" + columns + ")");
    }
    CopyIn in = c.unwrap(PGConnection.class).getCopyAPI()
        .copyIn("COPY pg_temp.copied FROM STDIN (FORMAT binary)");
    in.writeToCopy(copy.bytes(), 0, copy.size());
    assertThat(in.endCopy()).isPositive();
  }
}
