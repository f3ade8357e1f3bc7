package dev.tollgate.port.in;

import dev.tollgate.domain.secret.SaltKeyId;
import dev.tollgate.domain.secret.SecretName;
import java.util.Set;

/** Seals a secret under the salt key and stores it (an upstream credential, a webhook secret). */
public interface StoreSecret {

  sealed interface Result {
    record Stored(SecretName name, SaltKeyId keyId) implements Result {}

    /** No salt key is configured, so nothing can be sealed. */
    record NoSaltKey() implements Result {}

    /** The store is sealed under other key ids: the configured key is not the store's. */
    record WrongKey(SaltKeyId configured, Set<SaltKeyId> stored) implements Result {}

    /** Names starting with {@code tollgate.} are Tollgate's own records. */
    record ReservedName(SecretName name) implements Result {}

    record Full(int maxSecrets) implements Result {}
  }

  Result store(StoreSecretCommand command);
}
