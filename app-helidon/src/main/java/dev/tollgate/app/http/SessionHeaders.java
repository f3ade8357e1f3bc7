package dev.tollgate.app.http;

import dev.tollgate.app.config.GatewayConfig;
import dev.tollgate.domain.tenancy.SessionId;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.util.List;
import java.util.Optional;

/**
 * The headers a client names its session by (Claude Code's {@code X-Claude-Code-Session-Id},
 * Open WebUI's {@code X-OpenWebUI-Chat-Id}), in order: the first one a request carries names its
 * session ({@code tollgate.server.session-headers}). Platform configuration rather than a tenant
 * policy: which header a client tool sends is a fact about the tool, and a session grants nothing
 * (it is scoped under the key that pays, so naming another session moves spend between that key's
 * own sessions only), so there is no trust to decide per tenant as there is for user headers.
 *
 * <p>A value that is not a valid session id (empty, over 128 characters, spaces or control
 * characters) is refused with a 400 naming the header, as a bad body field is: recording it would
 * put it in reports and the CSV, and ignoring it would let a client leave its session budget.
 */
public final class SessionHeaders {

  /** At most this many headers are configured (each is looked up on every request). */
  public static final int MAX_HEADERS = 8;

  public static final SessionHeaders DEFAULT =
      new SessionHeaders(GatewayConfig.Server.DEFAULT_SESSION_HEADERS);

  private final List<HeaderName> names;

  public SessionHeaders(List<String> names) {
    if (names.size() > MAX_HEADERS) {
      throw new IllegalArgumentException(
          "tollgate.server.session-headers lists at most " + MAX_HEADERS + " headers");
    }
    for (String n : names) {
      if (n == null || n.isEmpty() || n.length() > 128 || !n.chars().allMatch(SessionHeaders::token)) {
        throw new IllegalArgumentException(
            "tollgate.server.session-headers: not a header name: '" + n + "'");
      }
    }
    this.names = names.stream().map(HeaderNames::create).toList();
  }

  /** A header value that cannot name a session; the answer is a 400 naming {@link #header()}. */
  public static final class Invalid extends Exception {
    private final String header;

    Invalid(String header) {
      super("The " + header + " header must be 1 to 128 printable ASCII characters without"
          + " spaces.", null, false, false);
      this.header = header;
    }

    public String header() {
      return header;
    }

    public ApiError toError() {
      return ApiError.invalidRequest(getMessage(), header);
    }
  }

  /** The session the request names, by the first configured header it carries. */
  public Optional<SessionId> sessionOf(ServerRequest req) throws Invalid {
    for (HeaderName name : names) {
      Optional<String> value = req.headers().first(name);
      if (value.isPresent()) {
        String v = value.get().strip();
        if (v.isEmpty() || v.length() > 128 || !v.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
          throw new Invalid(name.defaultCase());
        }
        return Optional.of(SessionId.of(v));
      }
    }
    return Optional.empty();
  }

  /** The configured names, for logs and the docs' example. */
  public List<String> names() {
    return names.stream().map(HeaderName::defaultCase).toList();
  }

  /** RFC 9110 token characters: what a header name may be made of. */
  private static boolean token(int c) {
    return c > 0x20 && c < 0x7f && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
  }
}
