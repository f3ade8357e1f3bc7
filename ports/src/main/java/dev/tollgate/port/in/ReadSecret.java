package dev.tollgate.port.in;

import dev.tollgate.domain.secret.SaltKeyId;
import dev.tollgate.domain.secret.SecretName;
import dev.tollgate.domain.secret.SecretValue;

/** Opens a stored secret with the configured salt key. */
public interface ReadSecret {

  sealed interface Result {
    record Found(SecretValue value) implements Result {}

    record NotFound(SecretName name) implements Result {}

    /** A secret is stored under this name, but no salt key is configured to open it. */
    record NoSaltKey(SecretName name) implements Result {}

    record WrongKey(SecretName name, SaltKeyId sealedWith, SaltKeyId configured) implements Result {}

    /** The ciphertext was altered or copied from another name. */
    record Tampered(SecretName name) implements Result {}
  }

  Result read(SecretName name);
}
