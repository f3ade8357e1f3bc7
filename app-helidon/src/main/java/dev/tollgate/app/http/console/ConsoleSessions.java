package dev.tollgate.app.http.console;

import dev.tollgate.app.config.Secret;
import dev.tollgate.app.http.ApiError;
import dev.tollgate.app.http.admin.SessionDoor;
import dev.tollgate.domain.key.KeyFormat;
import dev.tollgate.domain.key.KeyHash;
import dev.tollgate.domain.tenancy.Actor;
import dev.tollgate.port.in.admin.AuthenticateAdmin;
import dev.tollgate.port.out.ConsoleSession;
import dev.tollgate.port.out.ConsoleSessionId;
import dev.tollgate.port.out.ConsoleSessionStore;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Console sessions: a sign-in exchanges the master key or a tenant admin key for a random token in
 * an HttpOnly cookie; every later request is checked against that same credential again (the key
 * still known, a tenant admin, not blocked or expired, its tenant active; the master key still
 * the server's), and every change must echo the CSRF token derived from the session token.
 */
public final class ConsoleSessions implements SessionDoor {

  /** How the console's audit entries name the master key's holder: as the admin API does. */
  static final String MASTER_KEY_ACTOR = "master-key";
  static final String CSRF_HEADER = "X-CSRF-Token";

  private final ConsoleSessionStore store;
  private final Secret masterKey;
  private final AuthenticateAdmin authenticate;
  private final Clock clock;
  private final RandomGenerator random;
  private final Duration ttl;

  public ConsoleSessions(ConsoleSessionStore store, Secret masterKey, AuthenticateAdmin authenticate,
      Clock clock, RandomGenerator random, Duration ttl) {
    this.store = store;
    this.masterKey = masterKey;
    this.authenticate = authenticate;
    this.clock = clock;
    this.random = random;
    this.ttl = ttl;
  }

  /** A signed-in session: the token for the cookie, who it is, until when. */
  record SignedIn(String token, Actor actor, Instant expiresAt) {}

  sealed interface SignIn {}

  record Accepted(SignedIn session) implements SignIn {}

  record Rejected(ApiError error) implements SignIn {}

  Duration ttl() {
    return ttl;
  }

  Clock clock() {
    return clock;
  }

  SignIn signIn(String presented) {
    Instant now = clock.instant();
    String token = SessionCookie.newToken(random);
    ConsoleSessionId id = new ConsoleSessionId(SessionCookie.idHash(token));
    if (masterKey.matches(presented)) {
      store.create(new ConsoleSession(id, Optional.empty(), masterBinding(token), now,
          now.plus(ttl)));
      return new Accepted(new SignedIn(token, Actor.platform(MASTER_KEY_ACTOR), now.plus(ttl)));
    }
    if (!(KeyFormat.parse(presented) instanceof KeyFormat.Wellformed w)) {
      return new Rejected(unauthorized("invalid_api_key", "This is not the master key, nor a"
          + " tenant admin key (sk-tg-…)."));
    }
    return switch (authenticate.authenticate(presented)) {
      case AuthenticateAdmin.Refused r -> new Rejected(ApiError.of(r.denial()));
      case AuthenticateAdmin.Authenticated a -> {
        store.create(new ConsoleSession(id, Optional.of(a.actor().tenant().orElseThrow().value()),
            w.secret().hash().hex(), now, now.plus(ttl)));
        yield new Accepted(new SignedIn(token, a.actor(), now.plus(ttl)));
      }
    };
  }

  /** The session of this token, its credential checked again; no CSRF check (reads only). */
  Optional<Entry> current(String token) {
    Optional<ConsoleSession> session =
        store.find(new ConsoleSessionId(SessionCookie.idHash(token)), clock.instant());
    if (session.isEmpty()) {
      return Optional.of(new Refused(ended()));
    }
    return Optional.of(recheck(token, session.get()));
  }

  void signOut(String token) {
    store.delete(new ConsoleSessionId(SessionCookie.idHash(token)));
  }

  @Override
  public Optional<Entry> enter(ServerRequest req) {
    Optional<String> token = SessionCookie.token(req);
    if (token.isEmpty()) {
      return Optional.empty();
    }
    if (!csrfHolds(req, token.get())) {
      return Optional.of(new Refused(new ApiError(403, "invalid_request_error", "csrf_failed",
          "A change through a console session must carry its " + CSRF_HEADER + " header.",
          null, Optional.empty())));
    }
    return current(token.get());
  }

  /** Reads need no token; every other method must echo the session's CSRF token. */
  static boolean csrfHolds(ServerRequest req, String token) {
    Method m = req.prologue().method();
    if (m == Method.GET || m == Method.HEAD || m == Method.OPTIONS) {
      return true;
    }
    return SessionCookie.sameText(SessionCookie.csrfToken(token),
        req.headers().first(HeaderNames.create(CSRF_HEADER)).orElse(null));
  }

  private Entry recheck(String token, ConsoleSession s) {
    if (s.isPlatform()) {
      if (SessionCookie.sameText(masterBinding(token), s.credentialHash())) {
        return new Admitted(Actor.platform(MASTER_KEY_ACTOR));
      }
      store.delete(s.id());
      return new Refused(ended());
    }
    return switch (authenticate.authenticate(new KeyHash(s.credentialHash()))) {
      case AuthenticateAdmin.Authenticated a -> new Admitted(a.actor());
      case AuthenticateAdmin.Refused r -> {
        store.delete(s.id()); // the key that signed in no longer opens the admin API
        yield new Refused(ApiError.of(r.denial()));
      }
    };
  }

  /**
   * Binds a platform session to this server's master key without storing anything a guess could
   * be checked against: the hash also covers the session token, which only the browser holds.
   */
  private String masterBinding(String token) {
    return SessionCookie.sha256Hex("master\0" + token + "\0" + masterKey.reveal());
  }

  static ApiError ended() {
    return unauthorized("session_expired", "Your console session has ended; sign in again.");
  }

  private static ApiError unauthorized(String code, String message) {
    return new ApiError(401, "invalid_request_error", code, message, null, Optional.empty());
  }

  /** Forgets ended sessions (the sweeper calls it). */
  public void expire() {
    store.expire(clock.instant());
  }
}
