package dev.tollgate.app.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Which web pages may call {@code /v1} from a browser ({@code tollgate.server.cors.*},
 * docs/gateway.md, "Browsers (CORS)").
 *
 * @param allowedOrigins origins as a browser sends them ({@code https://app.example.com},
 *     {@code http://localhost:3000}), or {@code *} for any; empty: no CORS headers, so a browser
 *     refuses every cross-origin call
 * @param maxAge how long a browser may reuse a preflight's answer (at most a day)
 */
public record CorsSettings(List<String> allowedOrigins, Duration maxAge) {

  /** The most origins listed: each request's origin is looked up among them. */
  public static final int MAX_ORIGINS = 256;
  public static final Duration MAX_AGE = Duration.ofDays(1);
  public static final CorsSettings NONE = new CorsSettings(List.of(), Duration.ofMinutes(10));

  public CorsSettings {
    if (allowedOrigins == null || allowedOrigins.size() > MAX_ORIGINS) {
      throw new IllegalArgumentException(
          "tollgate.server.cors.allowed-origins holds at most " + MAX_ORIGINS + " origins");
    }
    if (maxAge == null || maxAge.isNegative() || maxAge.compareTo(MAX_AGE) > 0) {
      throw new IllegalArgumentException("tollgate.server.cors.max-age must be 0..1 day");
    }
    allowedOrigins = allowedOrigins.stream().map(CorsSettings::origin).distinct().toList();
    if (allowedOrigins.contains("*") && allowedOrigins.size() > 1) {
      throw new IllegalArgumentException(
          "tollgate.server.cors.allowed-origins: '*' allows every origin; list no others beside it");
    }
  }

  /** Whether any origin is allowed. */
  public boolean enabled() {
    return !allowedOrigins.isEmpty();
  }

  /**
   * {@code value} as a browser's {@code Origin} header spells it (scheme and host in lower case,
   * no default port, no trailing slash), or a clear refusal: a path would never match a
   * browser's, and {@code null} (a sandboxed frame's or a file's origin, any site's) is no
   * origin to trust.
   */
  private static String origin(String value) {
    String v = value == null ? "" : value.strip();
    if (v.equals("*")) {
      return v;
    }
    URI uri;
    try {
      uri = new URI(v);
    } catch (java.net.URISyntaxException e) {
      throw notAnOrigin(v);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
        || uri.getRawUserInfo() != null || !(path.isEmpty() || path.equals("/"))
        || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw notAnOrigin(v);
    }
    int port = uri.getPort();
    boolean defaultPort = port == (scheme.equals("https") ? 443 : 80);
    return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT)
        + (port < 0 || defaultPort ? "" : ":" + port);
  }

  private static IllegalArgumentException notAnOrigin(String v) {
    return new IllegalArgumentException("tollgate.server.cors.allowed-origins: '" + v
        + "' is not an origin; write scheme://host[:port] with no path (https://app.example.com)"
        + " or '*'");
  }
}
