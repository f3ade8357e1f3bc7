package dev.tollgate.wire.openai;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Parses a {@code Retry-After} value (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. Only the
 * IMF-fixdate form of HTTP-date is read, the one senders must generate; the obsolete RFC 850 and
 * asctime forms are treated as absent. A date in the past means zero; every delay is capped at
 * {@link #MAX}, so a confused upstream cannot park clients for days.
 */
final class RetryAfter {

  static final Duration MAX = Duration.ofHours(1);

  /** Up to 10 digits fit a long and exceed {@link #MAX}; longer runs are not worth parsing. */
  private static final int MAX_DIGITS = 10;

  private RetryAfter() {}

  static Optional<Duration> parse(String value, Instant now) {
    String text = value.trim();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    if (isDigits(text)) {
      return text.length() > MAX_DIGITS
          ? Optional.of(MAX)
          : Optional.of(capped(Duration.ofSeconds(Long.parseLong(text))));
    }
    try {
      Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration delay = Duration.between(now, at);
      return Optional.of(delay.isNegative() ? Duration.ZERO : capped(delay));
    } catch (DateTimeParseException notADate) {
      return Optional.empty();
    }
  }

  private static Duration capped(Duration delay) {
    return delay.compareTo(MAX) > 0 ? MAX : delay;
  }

  private static boolean isDigits(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
