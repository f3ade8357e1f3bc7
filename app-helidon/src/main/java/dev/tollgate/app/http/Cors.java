package dev.tollgate.app.http;

import dev.tollgate.app.config.CorsSettings;
import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Headers;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Browsers on the listed origins may call {@code /v1} (CORS): a preflight is answered here, before
 * any key is asked for (a browser sends none with it), and every answer to an allowed origin, an
 * error or a stream included, says so. Credentials are never allowed: a page calls with a key in
 * {@code Authorization} or {@code x-api-key}, never with a cookie, so the console's session is no
 * use to another origin. Other paths (the admin API, the console, the probes) get no CORS headers.
 */
public final class Cors implements Filter {

  static final HeaderName ALLOW_ORIGIN = HeaderNames.create("Access-Control-Allow-Origin");
  static final HeaderName ALLOW_METHODS = HeaderNames.create("Access-Control-Allow-Methods");
  static final HeaderName ALLOW_HEADERS = HeaderNames.create("Access-Control-Allow-Headers");
  static final HeaderName EXPOSE_HEADERS = HeaderNames.create("Access-Control-Expose-Headers");
  static final HeaderName MAX_AGE = HeaderNames.create("Access-Control-Max-Age");
  static final HeaderName REQUEST_METHOD = HeaderNames.create("Access-Control-Request-Method");
  static final HeaderName REQUEST_HEADERS = HeaderNames.create("Access-Control-Request-Headers");

  /** Every method {@code /v1} serves. */
  static final String METHODS = "GET, HEAD, POST";
  /** A preflight's header list echoed back: field names, commas and spaces, bounded. */
  private static final Pattern HEADER_LIST = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~ ,-]{1,2048}");
  /** Caches keep answers apart by the origin that asked (and a preflight by what it asked). */
  private static final Header VARY = HeaderValues.create(HeaderNames.VARY, "Origin");
  private static final Header VARY_PREFLIGHT = HeaderValues.create(HeaderNames.VARY,
      "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
  /** The rate-limit, cost and request-id headers, readable by the page (no credentials: "*"). */
  private static final Header EXPOSE_ALL = HeaderValues.create(EXPOSE_HEADERS, "*");

  private final boolean anyOrigin;
  private final Set<String> origins;
  private final Header maxAge;
  private final ErrorShape errors;

  /** {@code errors} writes a refused preflight in the shape of the API it asked for. */
  public Cors(CorsSettings settings, ErrorShape errors) {
    this.anyOrigin = settings.allowedOrigins().contains("*");
    this.origins = new HashSet<>(settings.allowedOrigins());
    this.maxAge = HeaderValues.create(MAX_AGE, Long.toString(settings.maxAge().toSeconds()));
    this.errors = errors;
  }

  @Override
  public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    Optional<String> origin = applies(req);
    if (origin.isEmpty()) {
      chain.proceed();
      return;
    }
    if (req.prologue().method() == Method.OPTIONS && req.headers().contains(REQUEST_METHOD)) {
      preflight(req, res, origin.get());
      return;
    }
    allow(req, res);
    chain.proceed();
  }

  /**
   * Marks {@code res} readable by the request's page when its origin is allowed: for the error
   * handlers, whose reset of the response drops what {@link #filter} set.
   */
  public void allow(ServerRequest req, ServerResponse res) {
    Optional<String> origin = applies(req);
    if (origin.isEmpty()) {
      return;
    }
    res.header(VARY);
    if (allowed(origin.get())) {
      res.header(ALLOW_ORIGIN, anyOrigin ? "*" : origin.get());
      res.header(EXPOSE_ALL);
    }
  }

  /** This shape's errors, readable by the page that asked when its origin is allowed. */
  public ErrorShape around(ErrorShape shape) {
    return new ErrorShape() {
      @Override
      public Written write(String path, Headers headers, ApiError error) {
        return shape.write(path, headers, error);
      }

      @Override
      public void send(ServerRequest req, ServerResponse res, ApiError error) {
        if (!res.isSent()) {
          allow(req, res);
        }
        shape.send(req, res, error);
      }
    };
  }

  /**
   * The request's {@code Origin} when it is for the API ({@code /v1}, or its routes without the
   * prefix). The service installs this filter only when some origin is allowed.
   */
  private Optional<String> applies(ServerRequest req) {
    if (!Unversioned.isApi(req.path().path())) {
      return Optional.empty();
    }
    return req.headers().first(HeaderNames.ORIGIN);
  }

  private boolean allowed(String origin) {
    return anyOrigin || origins.contains(origin.toLowerCase(Locale.ROOT));
  }

  private void preflight(ServerRequest req, ServerResponse res, String origin) {
    res.header(VARY_PREFLIGHT);
    if (!allowed(origin)) {
      errors.send(req, res, new ApiError(403, "invalid_request_error", "origin_not_allowed",
          "Pages on " + origin + " may not call this API from a browser; the platform lists the"
              + " origins that may in tollgate.server.cors.allowed-origins.", null,
          Optional.empty()));
      return;
    }
    res.status(Status.NO_CONTENT_204);
    res.header(ALLOW_ORIGIN, anyOrigin ? "*" : origin);
    res.header(ALLOW_METHODS, METHODS);
    req.headers().first(REQUEST_HEADERS).map(String::strip)
        .filter(h -> HEADER_LIST.matcher(h).matches())
        .ifPresent(h -> res.header(ALLOW_HEADERS, h));
    res.header(maxAge);
    res.send();
  }
}
