package dev.tollgate.port.in;

import dev.tollgate.domain.admission.Admission.Denied;
import dev.tollgate.domain.key.VirtualKey;

/**
 * Is this presented inference key one that may call at all: known, not revoked, not expired? Asked
 * before a request's body is read, so a forged or revoked key costs a cache lookup, not a parse
 * and a tokenization. Admission asks again with the model and counts; this answers only the key.
 */
public interface AuthenticateKey {

  sealed interface Answer {}

  record Authenticated(VirtualKey key) implements Answer {}

  record Refused(Denied denial) implements Answer {}

  Answer authenticate(String presentedKey);
}
