package dev.tollgate.app.http.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.app.config.ConsoleSettings;
import dev.tollgate.app.http.ApiError;
import dev.tollgate.app.http.Bodies;
import dev.tollgate.app.http.Head;
import dev.tollgate.app.http.Responses;
import dev.tollgate.app.http.admin.SessionDoor;
import dev.tollgate.domain.tenancy.Actor;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * {@code /ui}: the console's page and files, and its session ({@code POST /ui/session} signs in
 * with a key in a JSON body, {@code GET} says who is signed in and hands the page its CSRF token,
 * {@code DELETE} signs out server-side). Everything else the page does is {@code /admin/v1}.
 */
public final class ConsoleRoutes {

  private static final Logger LOG = Logger.getLogger(ConsoleRoutes.class.getName());
  /** A sign-in body holds one key. */
  static final int MAX_SIGN_IN_BYTES = 4096;
  public static final List<String> ROUTES = List.of("GET /ui", "GET /ui/", "GET /ui/{file}",
      "POST /ui/session", "GET /ui/session", "DELETE /ui/session");

  private final ConsoleSessions sessions;
  private final ConsoleSettings settings;
  private final ObjectMapper mapper;
  private final Optional<ConsoleAssets> assets;
  private final SignInThrottle throttle;

  public ConsoleRoutes(ConsoleSessions sessions, ConsoleSettings settings, ObjectMapper mapper) {
    this.sessions = sessions;
    this.settings = settings;
    this.mapper = mapper;
    this.assets = ConsoleAssets.load();
    this.throttle = new SignInThrottle(sessions.clock());
    if (assets.isEmpty()) {
      LOG.warning("the web console was not built into this jar (console/ module): /ui answers 404");
    }
  }

  /** The admin API's door for this console's sessions. */
  public SessionDoor door() {
    return sessions;
  }

  /** Forgets ended sessions; the service's sweeper calls it. */
  public void expireSessions() {
    sessions.expire();
  }

  public void register(HttpRouting.Builder r) {
    r.post("/ui/session", this::signIn)
        .delete("/ui/session", this::signOut);
    Head.get(r, "/ui/session", this::who);
    Head.get(r, "/ui", (req, res) -> page("index.html", res));
    Head.get(r, "/ui/", (req, res) -> page("index.html", res));
    Head.get(r, "/ui/{file}", (req, res) -> page(req.path().pathParameters().get("file"), res));
  }

  private void page(String name, ServerResponse res) {
    if (assets.isEmpty() || !assets.get().has(name)) {
      ConsoleAssets.securityHeaders(res);
      Responses.error(res, new ApiError(404, "invalid_request_error", "not_found",
          "No such console file.", null, Optional.empty()));
      return;
    }
    assets.get().send(name, res);
  }

  private void signIn(ServerRequest req, ServerResponse res) {
    ConsoleAssets.securityHeaders(res);
    // JSON only: a cross-site form cannot send it without a preflight this server never allows.
    String type = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("");
    if (!type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      Responses.error(res, ApiError.invalidRequest("Sign in with a JSON body {\"key\": \"…\"}.",
          null));
      return;
    }
    Optional<String> key;
    try {
      key = keyOf(Bodies.read(req, MAX_SIGN_IN_BYTES));
    } catch (Bodies.TooLarge e) {
      Responses.error(res, e.toError());
      return;
    }
    if (key.isEmpty()) {
      Responses.error(res, ApiError.invalidRequest("'key' must be the master key or a tenant"
          + " admin key.", "key"));
      return;
    }
    String address = req.remotePeer().host();
    Optional<ApiError> limited = throttle.refusal(address, key.get());
    if (limited.isPresent()) {
      Responses.error(res, limited.get());
      return;
    }
    switch (sessions.signIn(key.get())) {
      case ConsoleSessions.Rejected r -> {
        throttle.failed(address, key.get());
        Responses.error(res, r.error());
      }
      case ConsoleSessions.Accepted a -> {
        res.header(HeaderNames.SET_COOKIE,
            SessionCookie.setCookie(a.session().token(), sessions.ttl(), secure(req)));
        send(res, 200, view(a.session().actor(), a.session().token(), a.session().expiresAt()));
      }
    }
  }

  private void who(ServerRequest req, ServerResponse res) {
    ConsoleAssets.securityHeaders(res);
    res.header(HeaderNames.CACHE_CONTROL, "no-store");
    Optional<String> token = SessionCookie.token(req);
    if (token.isEmpty()) {
      Responses.error(res, ConsoleSessions.ended());
      return;
    }
    switch (sessions.current(token.get()).orElseThrow()) {
      case SessionDoor.Refused r -> Responses.error(res, r.error());
      case SessionDoor.Admitted a -> send(res, 200, view(a.actor(), token.get(), null));
    }
  }

  private void signOut(ServerRequest req, ServerResponse res) {
    ConsoleAssets.securityHeaders(res);
    Optional<String> token = SessionCookie.token(req);
    if (token.isPresent() && !ConsoleSessions.csrfHolds(req, token.get())) {
      Responses.error(res, new ApiError(403, "invalid_request_error", "csrf_failed",
          "Signing out must carry the session's " + ConsoleSessions.CSRF_HEADER + " header.",
          null, Optional.empty()));
      return;
    }
    token.ifPresent(sessions::signOut);
    res.header(HeaderNames.SET_COOKIE, SessionCookie.clearCookie(secure(req)));
    send(res, 200, mapper.createObjectNode().put("object", "console_session")
        .put("signed_in", false));
  }

  private ObjectNode view(Actor actor, String token, Instant expiresAt) {
    ObjectNode n = mapper.createObjectNode().put("object", "console_session")
        .put("signed_in", true).put("actor", actor.name())
        .put("role", actor.isPlatform() ? "platform_admin" : "tenant_admin")
        .put("tenant", actor.tenant().map(t -> t.value()).orElse(null))
        .put("csrf_token", SessionCookie.csrfToken(token));
    if (expiresAt != null) {
      n.put("expires_at", expiresAt.toString());
    }
    return n;
  }

  private Optional<String> keyOf(byte[] body) {
    try {
      JsonNode node = mapper.readTree(body);
      if (node != null && node.isObject() && node.size() == 1 && node.path("key").isTextual()
          && !node.get("key").asText().isBlank()) {
        return Optional.of(node.get("key").asText().strip());
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private boolean secure(ServerRequest req) {
    return switch (settings.secureCookie()) {
      case "always" -> true;
      case "never" -> false;
      default -> req.isSecure() || req.headers().first(HeaderNames.create("X-Forwarded-Proto"))
          .map(p -> p.strip().equalsIgnoreCase("https")).orElse(false);
    };
  }

  private void send(ServerResponse res, int status, ObjectNode body) {
    res.status(status);
    res.header(HeaderNames.CONTENT_TYPE, "application/json");
    try {
      res.send(mapper.writeValueAsBytes(body));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
