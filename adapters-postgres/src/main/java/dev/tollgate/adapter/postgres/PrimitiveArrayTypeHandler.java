package dev.tollgate.adapter.postgres;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.JdbcType;

/**
 * {@code long[]}, {@code int[]} and {@code boolean[]} parameters as PostgreSQL arrays (int8[],
 * int4[], bool[]): the driver encodes primitive arrays itself. Parameters only; no statement
 * reads one back.
 */
final class PrimitiveArrayTypeHandler<T> extends BaseTypeHandler<T> {

  @Override
  public void setNonNullParameter(PreparedStatement ps, int i, T value, JdbcType jdbcType)
      throws SQLException {
    ps.setObject(i, value);
  }

  @Override
  public T getNullableResult(ResultSet rs, String columnName) {
    throw new UnsupportedOperationException("primitive arrays are parameters only");
  }

  @Override
  public T getNullableResult(ResultSet rs, int columnIndex) {
    throw new UnsupportedOperationException("primitive arrays are parameters only");
  }

  @Override
  public T getNullableResult(CallableStatement cs, int columnIndex) {
    throw new UnsupportedOperationException("primitive arrays are parameters only");
  }
}
