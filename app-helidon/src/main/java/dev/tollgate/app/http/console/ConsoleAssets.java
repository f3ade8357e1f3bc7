package dev.tollgate.app.http.console;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The console's built files (index.html, app.js, app.css from {@code console/}), read from the
 * jar once at start and served with headers that let the page run its own script and nothing
 * else: no inline script or style, no other origin, no framing.
 */
final class ConsoleAssets {

  static final String RESOURCE_DIR = "dev/tollgate/console/";
  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self';"
      + " img-src 'self'; connect-src 'self'; font-src 'self'; form-action 'self';"
      + " frame-ancestors 'none'; base-uri 'none'";
  private static final Map<String, String> TYPES = Map.of(
      "index.html", "text/html; charset=utf-8",
      "app.js", "text/javascript; charset=utf-8",
      "app.css", "text/css; charset=utf-8");

  private final Map<String, byte[]> files;

  private ConsoleAssets(Map<String, byte[]> files) {
    this.files = files;
  }

  /** The built console, or empty when this jar was built without it. */
  static Optional<ConsoleAssets> load() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (String name : TYPES.keySet()) {
      try (InputStream in =
          ConsoleAssets.class.getClassLoader().getResourceAsStream(RESOURCE_DIR + name)) {
        if (in == null) {
          return Optional.empty();
        }
        files.put(name, in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return Optional.of(new ConsoleAssets(Map.copyOf(files)));
  }

  boolean has(String name) {
    return files.containsKey(name);
  }

  void send(String name, ServerResponse res) {
    securityHeaders(res);
    res.header(HeaderNames.CONTENT_TYPE, TYPES.get(name));
    // Revalidated every time: a new build must never run beside an old page.
    res.header(HeaderNames.CACHE_CONTROL, "no-cache");
    res.send(files.get(name));
  }

  /** On every console answer, the session's JSON too. */
  static void securityHeaders(ServerResponse res) {
    res.header(HeaderNames.create("Content-Security-Policy"), CSP);
    res.header(HeaderNames.create("X-Content-Type-Options"), "nosniff");
    res.header(HeaderNames.create("X-Frame-Options"), "DENY");
    res.header(HeaderNames.create("Referrer-Policy"), "no-referrer");
    res.header(HeaderNames.create("Cross-Origin-Opener-Policy"), "same-origin");
  }
}
