package dev.tollgate.app.config;

import java.time.Duration;

/**
 * The web console at {@code /ui} ({@code tollgate.console.*}, docs/console.md).
 *
 * @param enabled off: no {@code /ui} route and no session cookie is ever honoured
 * @param sessionTtl a session ends this long after sign-in, whatever happens before
 * @param secureCookie {@code auto} (Secure when the request came over TLS, or through a proxy
 *     saying {@code X-Forwarded-Proto: https}), {@code always} or {@code never}
 */
public record ConsoleSettings(boolean enabled, Duration sessionTtl, String secureCookie) {

  public static final Duration MAX_TTL = Duration.ofHours(12);
  public static final ConsoleSettings DEFAULTS =
      new ConsoleSettings(true, Duration.ofHours(1), "auto");

  public ConsoleSettings {
    if (sessionTtl == null || sessionTtl.compareTo(Duration.ofMinutes(1)) < 0
        || sessionTtl.compareTo(MAX_TTL) > 0) {
      throw new IllegalArgumentException("tollgate.console.session-ttl must be 1 minute..12 hours");
    }
    if (!"auto".equals(secureCookie) && !"always".equals(secureCookie)
        && !"never".equals(secureCookie)) {
      throw new IllegalArgumentException(
          "tollgate.console.secure-cookie must be auto, always or never, not '" + secureCookie + "'");
    }
  }
}
