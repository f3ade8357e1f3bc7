package dev.tollgate.port.in;

import dev.tollgate.domain.secret.SaltKeyId;
import dev.tollgate.domain.secret.SecretName;
import java.util.List;
import java.util.Set;

/**
 * What a server asks at start: can the configured salt key open everything stored? The first
 * start with a key binds the store to it (a sealed key check), so even a store without secrets
 * refuses another key afterwards: the salt key is write-once.
 */
public interface VerifySaltKey {

  sealed interface KeyCheck {
    /** The key opened every stored secret (the key check included). */
    record Verified(SaltKeyId keyId, int secrets) implements KeyCheck {}

    /** The store had nothing sealed; it is now bound to this key. */
    record Bound(SaltKeyId keyId) implements KeyCheck {}

    /** No salt key is configured and nothing is sealed: fine, but nothing can be stored. */
    record NothingSealed() implements KeyCheck {}

    /** No salt key is configured, yet secrets are sealed under these key ids. */
    record NoKeyButSealed(Set<SaltKeyId> stored) implements KeyCheck {}

    record WrongKey(SaltKeyId configured, Set<SaltKeyId> stored) implements KeyCheck {}

    /** The key id matched, but these ciphertexts do not authenticate. */
    record Tampered(SaltKeyId keyId, List<SecretName> names) implements KeyCheck {}
  }

  KeyCheck verify();
}
