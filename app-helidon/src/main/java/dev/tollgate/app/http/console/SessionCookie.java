package dev.tollgate.app.http.console;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/** The console's cookie and what is derived from its token: the stored id and the CSRF token. */
final class SessionCookie {

  static final String NAME = "tollgate_console";
  /** 32 random bytes, base64url without padding. */
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
  /** A Cookie header longer than this is not read (one browser's cookies for one host). */
  private static final int MAX_HEADER = 8192;

  private SessionCookie() {}

  /** The session token in the request's Cookie header, if one is there and well-formed. */
  static Optional<String> token(ServerRequest req) {
    for (String header : req.headers().all(HeaderNames.COOKIE, java.util.List::of)) {
      if (header.length() > MAX_HEADER) {
        continue;
      }
      for (String pair : header.split(";")) {
        int eq = pair.indexOf('=');
        if (eq > 0 && pair.substring(0, eq).strip().equals(NAME)) {
          String value = pair.substring(eq + 1).strip();
          if (TOKEN.matcher(value).matches()) {
            return Optional.of(value);
          }
        }
      }
    }
    return Optional.empty();
  }

  static String setCookie(String token, Duration ttl, boolean secure) {
    return NAME + "=" + token + "; Path=/; Max-Age=" + ttl.toSeconds()
        + "; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
  }

  static String clearCookie(boolean secure) {
    return NAME + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
  }

  static String newToken(java.util.random.RandomGenerator random) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** What the store knows a session by: never the token itself. */
  static String idHash(String token) {
    return HexFormat.of().formatHex(sha256("session\0" + token));
  }

  /** The token a page must echo in {@code X-CSRF-Token} on every change (derived, not stored). */
  static String csrfToken(String token) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256("csrf\0" + token));
  }

  static String sha256Hex(String value) {
    return HexFormat.of().formatHex(sha256(value));
  }

  static boolean sameText(String a, String b) {
    return a != null && b != null && MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
