package dev.tollgate.app.http;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.Optional;

/**
 * The query (and fragment) check Helidon's own prologue validation makes, to RFC 3986's letter:
 * Helidon 4.2 refuses a raw {@code :} or {@code @} in a query, which RFC 3986 allows
 * ({@code query = *( pchar / "/" / "?" )}, {@code pchar} includes both) and which curl and most
 * clients send ({@code ?from=2026-01-01T00:00:00Z}). So Helidon's check is off and this filter,
 * run before every route, refuses only what RFC 3986 refuses: other characters, non-ASCII, and a
 * {@code %} not followed by two hex digits, with the same 400 as any transport refusal, in the
 * request's API's shape ({@link ErrorShape}).
 */
public final class QueryCheck implements Filter {

  /** unreserved / sub-delims / ":" / "@" / "/" / "?" (RFC 3986 sections 2.2, 2.3, 3.3, 3.4). */
  private static final boolean[] ALLOWED = new boolean[128];

  static {
    String allowed = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
        + "-._~" + "!$&'()*+,;=" + ":@/?";
    for (int i = 0; i < allowed.length(); i++) {
      ALLOWED[allowed.charAt(i)] = true;
    }
  }

  private final ErrorShape shape;

  /** {@code shape}: the refusal in the request's API's shape. */
  public QueryCheck(ErrorShape shape) {
    this.shape = shape;
  }

  @Override
  public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    Optional<String> refusal = refusal("query", req.query().rawValue());
    if (refusal.isEmpty() && req.prologue().fragment().hasValue()) {
      refusal = refusal("fragment", req.prologue().fragment().rawValue());
    }
    if (refusal.isPresent()) {
      shape.send(req, res, new ApiError(400, "invalid_request_error", "bad_request",
          "The HTTP request was refused before routing: " + refusal.get(), null,
          Optional.empty()));
      return;
    }
    chain.proceed();
  }

  /** Why {@code raw} is not a valid RFC 3986 query or fragment, if it is not. */
  static Optional<String> refusal(String part, String raw) {
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length() || !hex(raw.charAt(i + 1)) || !hex(raw.charAt(i + 2))) {
          return Optional.of("the " + part + " has a '%' not followed by two hex digits.");
        }
        i += 2;
      } else if (c >= 128 || !ALLOWED[c]) {
        return Optional.of("the " + part + " has a character that must be percent-encoded"
            + " (position " + i + ").");
      }
    }
    return Optional.empty();
  }

  private static boolean hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
