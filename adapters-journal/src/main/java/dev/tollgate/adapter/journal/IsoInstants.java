package dev.tollgate.adapter.journal;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Writes exactly what {@link Instant#toString()} writes, and reads it back, without
 * {@code DateTimeFormatter}: every request's journal record carries three instants, and the
 * formatter was a third of the record's encoding on the request path (a JFR profile of the durable
 * path at 32 connections). Recovery
 * decodes three instants per journal record, and the formatter's parse was the largest part of a
 * backlog's decoding ({@code LedgerIngest}'s profile). The fast path takes exactly the shape
 * {@code toString} gives for years 0000 to 9999 ({@code 2026-12-03T17:26:35Z}, with 3, 6 or 9
 * fraction digits when there are any) and hands anything else to {@link Instant#parse}, so the
 * result is always the same as {@code Instant.parse}.
 */
final class IsoInstants {

  private IsoInstants() {}

  /** The first and last second the fast path writes: years 0000 to 9999, as toString has them. */
  private static final long MIN_SECOND = -62_167_219_200L; // 0000-01-01T00:00:00Z
  private static final long MAX_SECOND = 253_402_300_799L; // 9999-12-31T23:59:59Z

  /** The most bytes {@link #write} puts: a year of four digits and nine fraction digits. */
  static final int MAX_WRITTEN = 30;

  /** {@code instant.toString()}, character for character. */
  static String format(Instant instant) {
    byte[] out = new byte[MAX_WRITTEN];
    int end = write(instant, out, 0);
    return end < 0 ? instant.toString() : new String(out, 0, end, StandardCharsets.ISO_8859_1);
  }

  /**
   * Writes {@code instant.toString()} as ASCII into {@code out} at {@code at}, which has room for
   * {@link #MAX_WRITTEN} bytes; answers where it ended, or -1 (nothing written) for an instant
   * outside the years 0000 to 9999, which {@code toString} writes in another shape.
   */
  static int write(Instant instant, byte[] out, int at) {
    long seconds = instant.getEpochSecond();
    if (seconds < MIN_SECOND || seconds > MAX_SECOND) {
      return -1;
    }
    long days = Math.floorDiv(seconds, 86_400L);
    int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
    LocalDate date = LocalDate.ofEpochDay(days);
    int nano = instant.getNano();
    int fraction = nano == 0 ? 0 : nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9;
    put(out, at, date.getYear(), 4);
    out[at + 4] = '-';
    put(out, at + 5, date.getMonthValue(), 2);
    out[at + 7] = '-';
    put(out, at + 8, date.getDayOfMonth(), 2);
    out[at + 10] = 'T';
    put(out, at + 11, secondOfDay / 3_600, 2);
    out[at + 13] = ':';
    put(out, at + 14, secondOfDay / 60 % 60, 2);
    out[at + 16] = ':';
    put(out, at + 17, secondOfDay % 60, 2);
    int end = at + 19;
    if (fraction > 0) {
      out[end] = '.';
      put(out, end + 1, nano / POWERS[9 - fraction], fraction);
      end += fraction + 1;
    }
    out[end] = 'Z';
    return end + 1;
  }

  /** {@code value} as {@code width} decimal digits, zero-padded, at {@code at}. */
  private static void put(byte[] out, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
  }

  static Instant parse(String text) {
    int n = text.length();
    if (n < 20 || n > 30 || text.charAt(n - 1) != 'Z' || text.charAt(4) != '-'
        || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':'
        || text.charAt(16) != ':') {
      return Instant.parse(text);
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 7);
    int day = digits(text, 8, 10);
    int hour = digits(text, 11, 13);
    int minute = digits(text, 14, 16);
    int second = digits(text, 17, 19);
    int nano = 0;
    if (n > 20) {
      int fraction = n - 21; // between the '.' and the 'Z'
      if (text.charAt(19) != '.' || fraction < 1 || fraction > 9) {
        return Instant.parse(text);
      }
      int f = digits(text, 20, n - 1);
      if (f < 0) {
        return Instant.parse(text);
      }
      nano = f * POWERS[9 - fraction];
    } else if (text.charAt(19) != 'Z') {
      return Instant.parse(text);
    }
    if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59
        || second > 59) {
      return Instant.parse(text); // a leap second or a bad value: the formatter decides
    }
    try {
      long days = LocalDate.of(year, month, day).toEpochDay();
      return Instant.ofEpochSecond(days * 86_400L + hour * 3_600L + minute * 60L + second, nano);
    } catch (DateTimeException e) {
      throw new DateTimeParseException(e.getMessage(), text, 0, e);
    }
  }

  private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
      100_000_000, 1_000_000_000};

  /** The decimal value of {@code text[from, to)}, or -1 when a character is not a digit. */
  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      int d = text.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      value = value * 10 + d;
    }
    return value;
  }
}
