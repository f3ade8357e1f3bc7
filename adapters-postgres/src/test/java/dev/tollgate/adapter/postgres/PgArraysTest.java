package dev.tollgate.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Instants sent as timestamptz text in an array (the batch statements) are stored exactly as the
 * single-row statements store them: the same microsecond, infinities, BC years, years past 9999.
 */
class PgArraysTest {

  @RegisterExtension static final TestSchema SCHEMA = new TestSchema();

  private static final List<Instant> INSTANTS = List.of(
      Instant.parse("2026-12-03T10:15:30.123456789Z"),
      Instant.parse("2026-12-03T10:15:30Z"),
      Instant.parse("1969-12-31T23:59:59.999999Z"),
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

  @Test
  void anArrayOfTimestampTextStoresWhatTheSingleRowPathStores() throws SQLException {
    String[] texts = PgArrays.timestamps(INSTANTS, i -> i);

    // Compared inside PostgreSQL: the driver's own reading of BC dates is not exact.
    try (Connection c = SCHEMA.postgres().dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT at = ?, at::text FROM unnest(?::text[]::timestamptz[]) WITH ORDINALITY AS t(at, n)"
                + " WHERE n = ?")) {
      ps.setArray(2, c.createArrayOf("text", texts));
      for (int i = 0; i < INSTANTS.size(); i++) {
        ps.setObject(1, PgInstantTypeHandler.toDb(INSTANTS.get(i)));
        ps.setInt(3, i + 1);
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getBoolean(1)).as("%s sent as %s, stored as %s", INSTANTS.get(i), texts[i],
              rs.getString(2)).isTrue();
        }
      }
    }
  }

  @Test
  void ordinaryInstantsReadBackExactly() throws SQLException {
    List<Instant> ordinary = INSTANTS.subList(0, 5);
    String[] texts = PgArrays.timestamps(ordinary, i -> i);

    try (Connection c = SCHEMA.postgres().dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT at FROM unnest(?::text[]::timestamptz[]) WITH ORDINALITY AS t(at, n) ORDER BY n")) {
      ps.setArray(1, c.createArrayOf("text", texts));
      try (ResultSet rs = ps.executeQuery()) {
        for (Instant sent : ordinary) {
          assertThat(rs.next()).isTrue();
          assertThat(PgInstantTypeHandler.fromDb(rs.getObject(1, OffsetDateTime.class)))
              .isEqualTo(PgInstantTypeHandler.storable(sent));
        }
      }
    }
  }

  @Test
  void aNullInstantStaysNull() {
    List<Instant> none = new java.util.ArrayList<>();
    none.add(null);
    assertThat(PgArrays.timestamps(none, i -> i)).containsExactly((String) null);
  }
}
