package dev.tollgate.port.in.admin;

import dev.tollgate.domain.admission.Admission.Denied;
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
}
