package dev.tollgate.adapter.postgres;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/**
 * Columns of a batch as arrays, one parameter per column: a statement that reads them with
 * {@code unnest} is the same text whatever the batch size, so MyBatis binds a handful of
 * parameters instead of expanding a {@code foreach} into thousands (the expansion, not the
 * database, was most of a batch's cost), and PostgreSQL can keep one plan for it.
 *
 * <p>Instants travel as {@code timestamptz} text in PostgreSQL's own input format, cast in the
 * statement: exact to the microsecond, as {@link PgInstantTypeHandler} stores them, infinities
 * and BC years included.
 */
final class PgArrays {

  private PgArrays() {}

  static <T> String[] texts(List<T> rows, Function<T, String> column) {
    String[] out = new String[rows.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = column.apply(rows.get(i));
    }
    return out;
  }

  static <T> long[] longs(List<T> rows, ToLongFunction<T> column) {
    long[] out = new long[rows.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = column.applyAsLong(rows.get(i));
    }
    return out;
  }

  static <T> int[] ints(List<T> rows, ToIntFunction<T> column) {
    int[] out = new int[rows.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = column.applyAsInt(rows.get(i));
    }
    return out;
  }

  static <T> boolean[] booleans(List<T> rows, Predicate<T> column) {
    boolean[] out = new boolean[rows.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = column.test(rows.get(i));
    }
    return out;
  }

  /** Each row's instant as {@code timestamptz} text (null stays null). */
  static <T> String[] timestamps(List<T> rows, Function<T, Instant> column) {
    String[] out = new String[rows.size()];
    for (int i = 0; i < out.length; i++) {
      Instant at = column.apply(rows.get(i));
      out[i] = at == null ? null : timestamptz(at);
    }
    return out;
  }

  /**
   * {@code instant} as PostgreSQL reads a {@code timestamptz}: what {@link PgInstantTypeHandler}
   * would store (microseconds, infinities at the ends), e.g. {@code 2026-12-03 10:00:00.000001+00},
   * {@code 0044-03-15 00:00:00+00 BC}.
   */
  static String timestamptz(Instant instant) {
    Instant stored = PgInstantTypeHandler.storable(instant);
    if (stored.equals(Instant.MIN)) {
      return "-infinity";
    }
    if (stored.equals(Instant.MAX)) {
      return "infinity";
    }
    OffsetDateTime t = OffsetDateTime.ofInstant(stored, ZoneOffset.UTC);
    int year = t.getYear();
    boolean bc = year <= 0; // ISO year 0 is 1 BC
    StringBuilder s = new StringBuilder(36);
    pad(s, bc ? 1 - year : year, 4).append('-');
    pad(s, t.getMonthValue(), 2).append('-');
    pad(s, t.getDayOfMonth(), 2).append(' ');
    pad(s, t.getHour(), 2).append(':');
    pad(s, t.getMinute(), 2).append(':');
    pad(s, t.getSecond(), 2).append('.');
    pad(s, t.getNano() / 1_000, 6).append("+00");
    return bc ? s.append(" BC").toString() : s.toString();
  }

  private static StringBuilder pad(StringBuilder s, int value, int width) {
    String digits = Integer.toString(value);
    for (int i = digits.length(); i < width; i++) {
      s.append('0');
    }
    return s.append(digits);
  }
}
