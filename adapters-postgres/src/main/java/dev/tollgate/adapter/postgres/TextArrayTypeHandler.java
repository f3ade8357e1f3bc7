package dev.tollgate.adapter.postgres;

import java.sql.Array;
import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.JdbcType;

/** {@code String[]} as PostgreSQL {@code text[]} (allowed models, alias lists). */
final class TextArrayTypeHandler extends BaseTypeHandler<String[]> {

  @Override
  public void setNonNullParameter(PreparedStatement ps, int i, String[] value, JdbcType jdbcType)
      throws SQLException {
    Array array = ps.getConnection().createArrayOf("text", value);
    ps.setArray(i, array);
  }

  @Override
  public String[] getNullableResult(ResultSet rs, String columnName) throws SQLException {
    return toStrings(rs.getArray(columnName));
  }

  @Override
  public String[] getNullableResult(ResultSet rs, int columnIndex) throws SQLException {
    return toStrings(rs.getArray(columnIndex));
  }

  @Override
  public String[] getNullableResult(CallableStatement cs, int columnIndex) throws SQLException {
    return toStrings(cs.getArray(columnIndex));
  }

  private static String[] toStrings(Array array) throws SQLException {
    if (array == null) {
      return null;
    }
    try {
      return (String[]) array.getArray();
    } finally {
      array.free();
    }
  }
}
