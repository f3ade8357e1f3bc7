package dev.tollgate.port.in;

import dev.tollgate.domain.admission.Admission.Denied;
import dev.tollgate.domain.key.ApiKeySecret;
import dev.tollgate.domain.key.VirtualKey;

/**
 * Is this presented inference key one that may call at all: known, not revoked, not expired? Asked
 * before a request's body is read, so a forged or revoked key costs a cache lookup, not a parse
 * and a tokenization. Admission asks again with the model and counts; this answers only the key.
 *
 * <p>This is where a presented string is parsed, once per request: the answer carries the parsed
 * {@link ApiKeySecret}, which the caller hands to {@link AuthorizeCommand} (it remembers its hash,
 * so admission's lookup does not hash it again).
 */
public interface AuthenticateKey {

  sealed interface Answer {}

  /** The key may call; {@code secret} is what admission is then asked with. */
  record Authenticated(VirtualKey key, ApiKeySecret secret) implements Answer {}

  record Refused(Denied denial) implements Answer {}

  Answer authenticate(String presentedKey);
}
