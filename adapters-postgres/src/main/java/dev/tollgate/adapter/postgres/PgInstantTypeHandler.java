package dev.tollgate.adapter.postgres;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.JdbcType;

/**
 * {@link Instant} as {@code timestamptz}, with the two mappings PostgreSQL needs spelled out.
 *
 * <ul>
 *   <li>Precision: PostgreSQL keeps microseconds and <em>rounds</em> finer input, so instants are
 *       truncated to the microsecond here, before the driver sees them; what is read back is what
 *       was compared.
 *   <li>Range: {@code timestamptz} spans 4713 BC to 294276 AD; {@link Instant#MIN} and
 *       {@link Instant#MAX} (a lifetime budget's window, an open-ended query) do not fit. Instants
 *       at or beyond {@link #LOWEST}/{@link #HIGHEST} are stored as {@code -infinity} /
 *       {@code infinity} and read back as {@link Instant#MIN} / {@link Instant#MAX}.
 * </ul>
 */
final class PgInstantTypeHandler extends BaseTypeHandler<Instant> {

  static final Instant LOWEST = LocalDate.of(-4712, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
  static final Instant HIGHEST =
      LocalDate.of(294_276, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);

  /** The instant PostgreSQL will store for {@code instant}. */
  static Instant storable(Instant instant) {
    if (!instant.isAfter(LOWEST)) {
      return Instant.MIN;
    }
    if (!instant.isBefore(HIGHEST)) {
      return Instant.MAX;
    }
    return instant.truncatedTo(ChronoUnit.MICROS);
  }

  static OffsetDateTime toDb(Instant instant) {
    Instant stored = storable(instant);
    if (stored.equals(Instant.MIN)) {
      return OffsetDateTime.MIN; // the driver writes -infinity
    }
    if (stored.equals(Instant.MAX)) {
      return OffsetDateTime.MAX; // the driver writes infinity
    }
    return OffsetDateTime.ofInstant(stored, ZoneOffset.UTC);
  }

  static Instant fromDb(OffsetDateTime value) {
    if (value == null) {
      return null;
    }
    if (value.equals(OffsetDateTime.MIN)) {
      return Instant.MIN;
    }
    if (value.equals(OffsetDateTime.MAX)) {
      return Instant.MAX;
    }
    return value.toInstant();
  }

  @Override
  public void setNonNullParameter(PreparedStatement ps, int i, Instant value, JdbcType jdbcType)
      throws SQLException {
    ps.setObject(i, toDb(value));
  }

  @Override
  public Instant getNullableResult(ResultSet rs, String columnName) throws SQLException {
    return fromDb(rs.getObject(columnName, OffsetDateTime.class));
  }

  @Override
  public Instant getNullableResult(ResultSet rs, int columnIndex) throws SQLException {
    return fromDb(rs.getObject(columnIndex, OffsetDateTime.class));
  }

  @Override
  public Instant getNullableResult(CallableStatement cs, int columnIndex) throws SQLException {
    return fromDb(cs.getObject(columnIndex, OffsetDateTime.class));
  }
}
