package dev.tollgate.app.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.PathMatcher;
import io.helidon.http.PathMatchers;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What a request no route took gets: {@code 405} with {@code Allow} when its path is a known
 * route's (a {@code GET /v1/chat/completions}; a GET route takes {@code HEAD} too), else
 * {@code 404}; both in the shape of the API the request was for ({@link ErrorShape}: Anthropic's
 * on its routes, else OpenAI's).
 * Registered last, so it costs a routed request nothing.
 */
public final class UnmatchedRoutes implements Handler {

  /** The most routes this answers for: the service registers a few dozen. */
  static final int MAX_ROUTES = 1_000;

  private final Map<String, Known> byTemplate = new LinkedHashMap<>();

  private record Known(PathMatcher matcher, TreeSet<String> methods) {}

  private final ErrorShape shape;

  /**
   * {@code routes} as {@code "METHOD /path/{param}"}, Helidon's path templates; {@code shape}
   * writes the 404 or 405 in the request's API's shape.
   */
  public UnmatchedRoutes(List<String> routes, ErrorShape shape) {
    this.shape = shape;
    if (routes.size() > MAX_ROUTES) {
      throw new IllegalArgumentException("more than " + MAX_ROUTES + " routes");
    }
    for (String route : routes) {
      int space = route.indexOf(' ');
      if (space < 1) {
        throw new IllegalArgumentException("not 'METHOD /path': " + route);
      }
      String path = route.substring(space + 1);
      String method = route.substring(0, space);
      TreeSet<String> methods = byTemplate
          .computeIfAbsent(path, p -> new Known(PathMatchers.create(p), new TreeSet<>())).methods();
      methods.add(method);
      if (method.equals("GET")) {
        methods.add("HEAD"); // every GET route answers HEAD too (Head)
      }
    }
  }

  @Override
  public void handle(ServerRequest req, ServerResponse res) {
    String method = req.prologue().method().text();
    String path = req.path().path();
    TreeSet<String> allowed = allowed(req);
    if (allowed.isEmpty()) {
      shape.send(req, res, new ApiError(404, "invalid_request_error", "not_found",
          "Unknown route " + method + " " + path + ".", null, Optional.empty()));
      return;
    }
    res.header(HeaderNames.ALLOW, String.join(", ", allowed));
    shape.send(req, res, new ApiError(405, "invalid_request_error", "method_not_allowed",
        method + " is not allowed on " + path + "; use " + String.join(" or ", allowed) + ".",
        null, Optional.empty()));
  }

  private TreeSet<String> allowed(ServerRequest req) {
    TreeSet<String> allowed = new TreeSet<>();
    for (Known known : byTemplate.values()) {
      if (known.matcher().match(req.prologue().uriPath()).accepted()) {
        allowed.addAll(known.methods());
      }
    }
    return allowed;
  }
}
