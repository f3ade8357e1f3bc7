package dev.tollgate.adapter.journal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Reads back what {@link Instant#toString()} wrote, without {@code DateTimeFormatter}: recovery
 * decodes three instants per journal record, and the formatter's parse was the largest part of a
 * backlog's decoding ({@code LedgerIngest}'s profile). The fast path takes exactly the shape
 * {@code toString} gives for years 0000 to 9999 ({@code 2026-12-03T17:26:35Z}, with 3, 6 or 9
 * fraction digits when there are any) and hands anything else to {@link Instant#parse}, so the
 * result is always the same as {@code Instant.parse}.
 */
final class IsoInstants {

  private IsoInstants() {}

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
