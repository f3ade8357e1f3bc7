package dev.tollgate.app.http.admin;

import dev.tollgate.app.http.ApiError;
import dev.tollgate.domain.tenancy.Actor;
import io.helidon.webserver.http.ServerRequest;
import java.util.Optional;

/**
 * The admin API's second door: a web console session (a cookie) standing for the credential that
 * signed in. It answers the same {@link Actor} that credential would, checked again on every call,
 * so the console adds no authorization of its own. A request with an {@code Authorization} header
 * never goes through it.
 */
public interface SessionDoor {

  /** No console: no request comes in through a session. */
  SessionDoor NONE = req -> Optional.empty();

  sealed interface Entry {}

  record Admitted(Actor actor) implements Entry {}

  record Refused(ApiError error) implements Entry {}

  /** Empty when the request carries no console session at all. */
  Optional<Entry> enter(ServerRequest req);
}
