package dev.tollgate.app.config;

import java.util.Locale;

/**
 * {@code tollgate.logging.format}: how log lines are written to standard error. {@code text}, one
 * human-readable line per event, is the quick start's default; {@code json}, one JSON object per
 * line, is for log pipelines (docs/observability.md#logs).
 */
public enum LogFormat {
  TEXT,
  JSON;

  public static LogFormat of(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "text" -> TEXT;
      case "json" -> JSON;
      default -> throw new IllegalArgumentException(
          "tollgate.logging.format must be text or json: " + value);
    };
  }
}
