package dev.tollgate.app.logging;

import dev.tollgate.app.config.LogFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The access line exactly as {@link Logging}'s encoders print it (Logback's pattern layout with
 * {@link Logging#TEXT_PATTERN}, or its {@code JsonEncoder} as {@link Logging} sets it up), built
 * straight from the line's parts. Going through Logback cost a {@code LoggingEvent}, its
 * key-value list and the layout's converters on every {@code /v1} request (5 to 7 % of the
 * service's Java samples); {@code AccessLineTest} holds the two outputs equal byte for byte.
 */
final class AccessLine {

  static final String LOGGER = AccessLog.LOGGER;
  private static final String HEX = "0123456789ABCDEF";

  private final LogFormat format;
  private final DateTimeFormatter time;
  /** The last millisecond's formatted time: consecutive lines mostly share it. */
  private volatile Stamp last = new Stamp(Long.MIN_VALUE, "");

  private record Stamp(long millis, String text) {}

  AccessLine(LogFormat format, ZoneId zone) {
    this.format = format;
    this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(zone);
  }

  /**
   * The whole line, its end included.
   *
   * @param message the event's message
   * @param pairs the key-value pairs in order, keys at even indexes
   */
  String format(long epochMillis, String thread, String message, String[] pairs, int pairCount) {
    return switch (format) {
      case TEXT -> text(epochMillis, thread, message, pairs, pairCount);
      case JSON -> json(epochMillis, thread, message, pairs, pairCount);
    };
  }

  private String text(long epochMillis, String thread, String message, String[] pairs, int pairCount) {
    StringBuilder out = new StringBuilder(256);
    out.append(stamp(epochMillis)).append(" INFO  [").append(thread).append("] ").append(LOGGER)
        .append(" - ").append(message).append(' ');
    for (int k = 0; k < pairCount; k += 2) {
      if (k > 0) {
        out.append(' ');
      }
      out.append(pairs[k]).append("=\"").append(pairs[k + 1]).append('"');
    }
    return out.append(System.lineSeparator()).toString();
  }

  private String json(long epochMillis, String thread, String message, String[] pairs, int pairCount) {
    StringBuilder out = new StringBuilder(384);
    out.append("{\"timestamp\":").append(epochMillis).append(",\"level\":\"INFO\",\"threadName\":\"");
    escaped(out, thread).append("\",\"loggerName\":\"").append(LOGGER).append("\",\"mdc\": {},\"kvpList\": [");
    for (int k = 0; k < pairCount; k += 2) {
      if (k > 0) {
        out.append(',');
      }
      out.append("{\"");
      escaped(out, pairs[k]).append("\":\"");
      escaped(out, pairs[k + 1]).append("\"}");
    }
    out.append("],\"formattedMessage\":\"");
    return escaped(out, message).append("\",\"throwable\":null}\n").toString();
  }

  private String stamp(long epochMillis) {
    Stamp s = last;
    if (s.millis() != epochMillis) {
      s = new Stamp(epochMillis, time.format(Instant.ofEpochMilli(epochMillis)));
      last = s;
    }
    return s.text();
  }

  /** JSON string escaping as Logback's encoder does it ('/' too). */
  private static StringBuilder escaped(StringBuilder out, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '/' -> out.append("\\/");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append("\\u00").append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xF));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out;
  }
}
