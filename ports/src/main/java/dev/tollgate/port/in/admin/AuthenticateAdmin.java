package dev.tollgate.port.in.admin;

import dev.tollgate.domain.admission.Admission.Denied;
import dev.tollgate.domain.key.KeyHash;
import dev.tollgate.domain.tenancy.Actor;

/**
 * Turns a presented tenant admin key into its {@link Actor}. (The master key is the host's: it is
 * compared where it is configured, never stored.)
 */
public interface AuthenticateAdmin {

  sealed interface Answer {}

  record Authenticated(Actor actor) implements Answer {}

  record Refused(Denied denial) implements Answer {}

  Answer authenticate(String presentedKey);

  /**
   * The same checks for the key with this hash (current, or previous within its rotation grace):
   * how a web console session, which holds the hash of the key that signed in, is checked again on
   * every request.
   */
  Answer authenticate(KeyHash hash);
}
