package dev.tollgate.adapter.postgres.litellm;

import dev.tollgate.port.out.litellm.LitellmLimits;
import dev.tollgate.port.out.litellm.LitellmSnapshot;
import dev.tollgate.port.out.litellm.LitellmSource;
import dev.tollgate.port.out.litellm.LitellmSourceException;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A LiteLLM database on PostgreSQL, read once. The connection is read-only and the whole read is
 * one {@code READ ONLY}, {@code REPEATABLE READ} transaction that is rolled back: the source is
 * never written, and keys, teams and budgets are read as of one instant even while LiteLLM keeps
 * serving. The schema is the connection's search path ({@code ?currentSchema=} in a JDBC URL).
 */
public final class PostgresLitellmSource implements LitellmSource {

  /** Bounds the connect and every statement: a hung source fails the import, it never hangs. */
  static final int TIMEOUT_SECONDS = 60;

  private final LitellmUrl url;

  private PostgresLitellmSource(LitellmUrl url) {
    this.url = url;
  }

  /**
   * {@code from}: a {@code jdbc:postgresql://} URL or LiteLLM's {@code postgresql://…}
   * {@code DATABASE_URL}; {@code password} overrides one in the URL. Throws
   * {@code IllegalArgumentException} for a URL of neither form.
   */
  public static PostgresLitellmSource of(String from, Optional<String> password) {
    return new PostgresLitellmSource(LitellmUrl.parse(from, password));
  }

  @Override
  public LitellmSnapshot read() {
    java.util.Properties props = new java.util.Properties();
    props.putAll(url.properties());
    props.setProperty("connectTimeout", String.valueOf(TIMEOUT_SECONDS));
    props.setProperty("readOnly", "true");
    props.setProperty("ApplicationName", "tollgate import litellm");
    try (Connection c = DriverManager.getConnection(url.jdbcUrl(), props)) {
      c.setReadOnly(true);
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      try (var s = c.createStatement()) {
        s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        s.execute("SET LOCAL statement_timeout = '" + TIMEOUT_SECONDS + "s'");
      }
      try {
        return read(c);
      } finally {
        c.rollback();
      }
    } catch (SQLException e) {
      throw new LitellmSourceException("cannot read the LiteLLM database at " + url.shown() + ": "
          + e.getMessage(), e);
    }
  }

  private LitellmSnapshot read(Connection c) throws SQLException {
    List<String> notes = new ArrayList<>();
    if (!exists(c, "LiteLLM_VerificationToken")) {
      throw new LitellmSourceException("no table \"LiteLLM_VerificationToken\" at " + url.shown()
          + ": not a LiteLLM database, or another schema (add ?currentSchema=<schema>)");
    }
    var orgs = optional(c, "LiteLLM_OrganizationTable", notes, () -> rows(c, LitellmSql.ORGANIZATIONS,
        r -> new LitellmSnapshot.Organization(r.getString("organization_id"),
            Optional.ofNullable(r.getString("organization_alias")).orElse(""), list(r, "models"),
            usd(r, "spend"), limits(r), labels(r))));
    var teams = optional(c, "LiteLLM_TeamTable", notes, () -> rows(c, LitellmSql.TEAMS,
        r -> new LitellmSnapshot.Team(r.getString("team_id"), text(r, "team_alias"),
            text(r, "organization_id"), list(r, "models"), usd(r, "spend"), ownLimits(r),
            r.getBoolean("blocked"), labels(r))));
    var users = optional(c, "LiteLLM_UserTable", notes, () -> rows(c, LitellmSql.USERS,
        r -> new LitellmSnapshot.User(r.getString("user_id"), text(r, "user_email"),
            usd(r, "spend"), ownLimits(r))));
    var keys = rows(c, LitellmSql.KEYS, r -> new LitellmSnapshot.Key(r.getString("token"),
        text(r, "key_name"), text(r, "key_alias"), usd(r, "spend"), instant(r, "expires"),
        list(r, "models"), text(r, "user_id"), text(r, "team_id"), text(r, "organization_id"),
        labels(r), r.getBoolean("blocked"), limits(r), r.getBoolean("per_model_budgets"),
        instant(r, "created_at")));
    var endUsers = optional(c, "LiteLLM_EndUserTable", notes, () -> rows(c, LitellmSql.END_USERS,
        r -> new LitellmSnapshot.EndUser(r.getString("user_id"), text(r, "alias"),
            usd(r, "spend"), limits(r), r.getBoolean("blocked"))));
    var models = optional(c, "LiteLLM_ProxyModelTable", notes, () -> rows(c, LitellmSql.MODELS,
        r -> new LitellmSnapshot.Model(r.getString("model_id"), r.getString("model_name"),
            text(r, "upstream"), decimal(r, "input_cost"), decimal(r, "output_cost"),
            whole(r, "max_output_tokens"))));
    return new LitellmSnapshot(orgs, teams, users, keys, endUsers, models, notes);
  }

  private interface Rows<T> {
    List<T> read() throws SQLException;
  }

  private interface Row<T> {
    T map(ResultSet r) throws SQLException;
  }

  private static <T> List<T> optional(Connection c, String table, List<String> notes, Rows<T> rows)
      throws SQLException {
    if (!exists(c, table)) {
      notes.add("no table \"" + table + "\" (an older LiteLLM): nothing read from it");
      return List.of();
    }
    return rows.read();
  }

  private static boolean exists(Connection c, String table) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
      s.setString(1, "\"" + table + "\"");
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getBoolean(1);
      }
    }
  }

  private static <T> List<T> rows(Connection c, String sql, Row<T> row) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setQueryTimeout(TIMEOUT_SECONDS);
      s.setInt(1, LitellmSnapshot.MAX_ROWS + 1);
      s.setFetchSize(1_000);
      List<T> out = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          if (out.size() == LitellmSnapshot.MAX_ROWS) {
            throw new LitellmSourceException("a table has more than " + LitellmSnapshot.MAX_ROWS
                + " rows; the import reads at most that many");
          }
          out.add(row.map(r));
        }
      }
      return out;
    }
  }

  private static LitellmLimits limits(ResultSet r) throws SQLException {
    return new LitellmLimits(decimal(r, "max_budget"), decimal(r, "soft_budget"),
        text(r, "budget_duration"), instant(r, "budget_reset_at"), whole(r, "tpm_limit"),
        whole(r, "rpm_limit"), whole(r, "max_parallel_requests"));
  }

  /** A team's or user's own columns (same names, no budget row). */
  private static LitellmLimits ownLimits(ResultSet r) throws SQLException {
    return limits(r);
  }

  private static Map<String, String> labels(ResultSet r) throws SQLException {
    List<String> names = list(r, "label_names");
    List<String> values = list(r, "label_values");
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < names.size() && i < values.size(); i++) {
      out.put(names.get(i), values.get(i) == null ? "null" : values.get(i));
    }
    return out;
  }

  private static List<String> list(ResultSet r, String column) throws SQLException {
    Array array = r.getArray(column);
    if (array == null) {
      return List.of();
    }
    return Arrays.stream((Object[]) array.getArray()).map(o -> o == null ? null : o.toString())
        .toList();
  }

  private static Optional<String> text(ResultSet r, String column) throws SQLException {
    return Optional.ofNullable(r.getString(column));
  }

  private static BigDecimal usd(ResultSet r, String column) throws SQLException {
    return decimal(r, column).orElse(BigDecimal.ZERO);
  }

  private static Optional<BigDecimal> decimal(ResultSet r, String column) throws SQLException {
    String s = r.getString(column);
    if (s == null || s.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new BigDecimal(s.trim()));
    } catch (NumberFormatException e) {
      throw new LitellmSourceException("column " + column + " holds '" + s + "', not a number");
    }
  }

  private static OptionalLong whole(ResultSet r, String column) throws SQLException {
    Optional<BigDecimal> d = decimal(r, column);
    return d.isEmpty() ? OptionalLong.empty() : OptionalLong.of(d.get().longValue());
  }

  private static Optional<Instant> instant(ResultSet r, String column) throws SQLException {
    Optional<BigDecimal> seconds = decimal(r, column);
    if (seconds.isEmpty()) {
      return Optional.empty();
    }
    BigDecimal s = seconds.get();
    long whole = s.setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
    long nanos = s.subtract(BigDecimal.valueOf(whole)).movePointRight(9)
        .setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
    return Optional.of(Instant.ofEpochSecond(whole, nanos));
  }
}
